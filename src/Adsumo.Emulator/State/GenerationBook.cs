using System;
using Adsumo.Emulator.Pricing;

namespace Adsumo.Emulator.State;

/// <summary>Creates generations: charged, listed, indexed and scheduled in one step under the team's lock.</summary>
internal sealed class GenerationBook(EmulatorRuntime runtime)
{
    /// <summary>The caller holds <c>team.Sync</c> and has checked every reference the generation makes.</summary>
    public Generation Submit(Team team, string type, int price, object details, bool failsWhenDue, Guid? usedResourceId)
    {
        var settings = runtime.Settings.Current;
        CreditLedger.Charge(team, price, settings.Credits);
        var now = runtime.Clock.GetUtcNow();
        var generation = new Generation(Guid.NewGuid(), type, now, DeadlineFor(now, settings.GenerationSeconds),
            failsWhenDue, details, usedResourceId);
        Add(team, generation);
        return generation;
    }

    /// <summary>Adds a generation made elsewhere (seeding): free, and possibly already finished.</summary>
    public void Add(Team team, Generation generation)
    {
        team.AddGeneration(generation);
        runtime.Teams.Register(generation);
        if (generation.Outcome is null) runtime.Scheduler.Schedule(generation);
    }

    /// <summary>Negative seconds (-1) mean the generation waits for the control API.</summary>
    public static DateTimeOffset? DeadlineFor(DateTimeOffset now, double seconds) =>
        seconds < 0 ? null : now.AddSeconds(seconds);

    /// <summary>The emulator's way to ask for a failed generation: put [fail] in any of its texts.</summary>
    public static bool AsksToFail(params string?[] texts)
    {
        foreach (var text in texts)
        {
            if (text is not null && text.Contains("[fail]", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
