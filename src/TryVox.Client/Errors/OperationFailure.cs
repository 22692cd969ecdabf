namespace TryVox.Client;

/// <summary>What every TryVox failure reports about its operation, whatever went wrong.</summary>
internal readonly record struct OperationFailure(string Operation, int Attempts, bool OutcomeUnknown, string? RequestId)
{
    /// <summary>The message, followed by what an unknown outcome means for the caller.</summary>
    public string Describe(string message) => OutcomeUnknown
        ? message + " The request reached the server, which may have acted on it (OutcomeUnknown): for a create-call, " +
          "look it up with FindAsync (CallOutcome) before placing it again."
        : message;
}
