using System;

namespace Adsumo.Emulator.State;

/// <summary>How a generation ended; set once, so readers never see a half-finished generation.</summary>
internal sealed record GenerationOutcome(string Status, DateTimeOffset CompletedAt, string? ErrorMessage)
{
    public static GenerationOutcome Completed(DateTimeOffset at) => new(GenerationStatuses.Completed, at, null);

    public static GenerationOutcome Failed(DateTimeOffset at, string message) => new(GenerationStatuses.Failed, at, message);
}
