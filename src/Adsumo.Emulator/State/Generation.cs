using System;
using System.Threading;

namespace Adsumo.Emulator.State;

internal sealed class Generation(
    Guid id,
    string type,
    DateTimeOffset createdAt,
    DateTimeOffset? deadline,
    bool failsWhenDue,
    object details,
    Guid? usedResourceId = null,
    GenerationOutcome? outcome = null) : IHasId
{
    /// <summary>What a generation whose input asked for <c>[fail]</c> reports.</summary>
    public const string RequestedFailureMessage =
        "The generation failed: its input contains [fail], which asks the emulator to fail it.";

    private GenerationOutcome? _outcome = outcome;

    public Guid Id { get; } = id;

    public string Type { get; } = type;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>When it finishes by itself; null when only the control API can finish it.</summary>
    public DateTimeOffset? Deadline { get; } = deadline;

    public bool FailsWhenDue { get; } = failsWhenDue;

    /// <summary>One of the Wire detail records, fixed at submission.</summary>
    public object Details { get; } = details;

    /// <summary>The product or custom avatar this generation uses, which therefore cannot be deleted.</summary>
    public Guid? UsedResourceId { get; } = usedResourceId;

    public GenerationOutcome? Outcome => Volatile.Read(ref _outcome);

    public string Status => Outcome?.Status ?? GenerationStatuses.Processing;

    public bool IsDue(DateTimeOffset now) => Outcome is null && Deadline is { } deadline && deadline <= now;

    /// <summary>The outcome at the deadline: finishing exactly then keeps completed_at independent of who noticed.</summary>
    public GenerationOutcome DueOutcome()
    {
        var at = Deadline ?? throw new InvalidOperationException("A generation without a deadline is never due.");
        return FailsWhenDue ? GenerationOutcome.Failed(at, RequestedFailureMessage) : GenerationOutcome.Completed(at);
    }

    /// <summary>True for the one caller that finished it, which then owns the webhook.</summary>
    public bool TryFinish(GenerationOutcome outcome) => Interlocked.CompareExchange(ref _outcome, outcome, null) is null;
}
