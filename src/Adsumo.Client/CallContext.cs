using System.Threading;

namespace Adsumo.Client;

/// <summary>What every call carries: where to report, and the token that stops it.</summary>
public sealed class CallContext
{
    /// <summary>Creates a context.</summary>
    public CallContext(ICallLog log, CancellationToken cancellation)
    {
        Log = log;
        Cancellation = cancellation;
    }

    /// <summary>A context with no log, for tests and tools.</summary>
    public static CallContext Silent(CancellationToken cancellation = default) => new(NullCallLog.Instance, cancellation);

    /// <summary>Where the call reports.</summary>
    public ICallLog Log { get; }

    /// <summary>Stops the call: every request, wait and download honours it at once.</summary>
    public CancellationToken Cancellation { get; }
}
