using System.Text.Json;

namespace TryVox.Spec.Tests;

/// <summary>
/// The spec passes Spectral (spectral:oas) and Redocly with no errors or warnings; both also check
/// every example against its schema (oas3-valid-*-example, no-invalid-*-examples).
/// </summary>
public sealed class LintTests
{
    [Fact]
    public async Task Spectral_finds_nothing()
    {
        var run = await Repository.RunAsync(Repository.NodeTool("spectral"), "lint", "spec/tryvox.yaml", "--fail-severity=warn");

        Assert.True(run.ExitCode == 0, "Spectral found problems in spec/tryvox.yaml:\n" + run.Output);
        Assert.Contains("No results with a severity of 'warn' or higher found!", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redocly_finds_nothing()
    {
        var run = await Repository.RunAsync(Repository.NodeTool("redocly"), "lint", "spec/tryvox.yaml", "--format=json");

        Assert.True(run.ExitCode == 0, "Redocly found problems in spec/tryvox.yaml:\n" + run.Output);
        using var report = JsonDocument.Parse(run.StandardOutput);
        var totals = report.RootElement.GetProperty("totals");
        Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0,
            "Redocly found problems in spec/tryvox.yaml:\n" + run.StandardOutput);
    }
}
