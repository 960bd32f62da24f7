namespace Adsumo.Client;

/// <summary>How one watched generation ended.</summary>
public enum WaitOutcome
{
    /// <summary>It completed; <see cref="WaitEvent.Generation"/> has its result.</summary>
    Completed,

    /// <summary>It failed; <see cref="WaitEvent.Error"/> carries the service's reason.</summary>
    Failed,

    /// <summary>It was still processing when the time ran out; <see cref="WaitEvent.Generation"/> is its last state read, if any was.</summary>
    TimedOut,

    /// <summary>It could not be watched (not found, refused).</summary>
    Error,
}

/// <summary>One generation's end, as the watcher reports it.</summary>
public sealed class WaitEvent
{
    public WaitEvent(string id, WaitOutcome outcome, Generation? generation, AdsumoException? error)
    {
        Id = id;
        Outcome = outcome;
        Generation = generation;
        Error = error;
    }

    public string Id { get; }

    public WaitOutcome Outcome { get; }

    public Generation? Generation { get; }

    public AdsumoException? Error { get; }
}
