namespace TryVox.Client.Testing;

/// <summary>
/// The faults <see cref="TryVoxTestServer"/> injects, as rules taken in the order they were added: a
/// request gets the fault of the first rule that matches its operation and has uses left. Safe to
/// change while requests run.
/// </summary>
/// <example><code>
/// server.Faults.Next(TryVoxFault.Status(503));                                     // the next request, whatever it is
/// server.Faults.Next(TryVoxFault.Status(429, TimeSpan.Zero), requests: 3);         // the next three requests
/// server.Faults.On(TryVoxOperation.CreateCall, TryVoxFault.Slow(TimeSpan.FromSeconds(2)));  // every create-call
/// server.Faults.On(TryVoxOperation.ListCalls, TryVoxFault.MalformedBody(), times: 1);       // the next list-calls
/// </code></example>
public sealed class TryVoxFaults
{
    private readonly List<Rule> _rules = [];

    /// <summary>Each server has its own: <see cref="TryVoxTestServer.Faults"/>.</summary>
    internal TryVoxFaults()
    {
    }

    /// <summary>Injects <paramref name="fault"/> into the next <paramref name="requests"/> requests, whatever their operation.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requests"/> is less than 1.</exception>
    public void Next(TryVoxFault fault, int requests = 1) => Add(null, fault, requests);

    /// <summary>
    /// Injects <paramref name="fault"/> into requests of <paramref name="operation"/> (a <see cref="TryVoxOperation"/>):
    /// the next <paramref name="times"/> of them, or every one until <see cref="Clear"/> when <paramref name="times"/> is null.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is not one of the spec's operations.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void On(string operation, TryVoxFault fault, int? times = null)
    {
        if (!TryVoxOperation.All.Contains(operation, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"'{operation}' is not an operation of the TryVox API; use one of {string.Join(", ", TryVoxOperation.All)} (see TryVoxOperation).",
                nameof(operation));
        }

        Add(operation, fault, times);
    }

    /// <summary>Removes every rule: requests are answered as usual again.</summary>
    public void Clear()
    {
        lock (_rules)
        {
            _rules.Clear();
        }
    }

    /// <summary>The fault for a request of <paramref name="operation"/> (null for a path that is no operation), using up one use of its rule.</summary>
    internal TryVoxFault? Take(string? operation)
    {
        lock (_rules)
        {
            var index = _rules.FindIndex(rule => rule.Operation is null || rule.Operation == operation);
            if (index < 0)
            {
                return null;
            }

            var rule = _rules[index];
            if (rule.Remaining is not null)
            {
                rule.Remaining--;
                if (rule.Remaining == 0)
                {
                    _rules.RemoveAt(index);
                }
            }

            return rule.Fault;
        }
    }

    private void Add(string? operation, TryVoxFault fault, int? times)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (times is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, operation is null ? "requests" : nameof(times));
        }

        lock (_rules)
        {
            _rules.Add(new Rule(operation, fault) { Remaining = times });
        }
    }

    private sealed class Rule(string? operation, TryVoxFault fault)
    {
        public string? Operation { get; } = operation;

        public TryVoxFault Fault { get; } = fault;

        /// <summary>Uses left; null for every request.</summary>
        public int? Remaining { get; set; }
    }
}
