namespace TryVox.Client.Testing;

/// <summary>What an injected <see cref="TryVoxFault"/> makes the server do.</summary>
public enum TryVoxFaultKind
{
    /// <summary>Answer as usual, after the fault's delay.</summary>
    Slow,

    /// <summary>Answer an error status with the spec's error body, without acting.</summary>
    Status,

    /// <summary>Drop the connection without acting.</summary>
    DropConnectionBeforeActing,

    /// <summary>Act, then drop the connection without answering.</summary>
    DropConnectionAfterActing,

    /// <summary>Act, then answer a 2xx with truncated JSON.</summary>
    MalformedBody,
}
