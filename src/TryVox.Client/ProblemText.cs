namespace TryVox.Client;

/// <summary>A refusal's message as a sentence for a log or a startup failure, without the "(Parameter 'x')" .NET appends.</summary>
internal static class ProblemText
{
    public static string Of(ArgumentException refusal) =>
        refusal.ParamName is { } name ? refusal.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : refusal.Message;
}
