using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>Keeps what the core reports, so that tests can check retries were announced and nothing hostile was echoed.</summary>
public sealed class RecordingLog : ICallLog
{
    private readonly ConcurrentQueue<string> _verbose = new();
    private readonly ConcurrentQueue<string> _debug = new();

    public IReadOnlyList<string> VerboseLines => _verbose.ToList();

    public IReadOnlyList<string> DebugLines => _debug.ToList();

    public void Verbose(string message) => _verbose.Enqueue(message);

    public void Debug(string message) => _debug.Enqueue(message);

    public CallContext Call(CancellationToken cancellation = default) => new(this, cancellation);
}
