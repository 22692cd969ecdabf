using TryVox.Cli;

return await TryVoxCli.RunAsync(args, CliConsole.FromSystem()).ConfigureAwait(false);
