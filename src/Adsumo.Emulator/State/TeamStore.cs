using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Adsumo.Emulator.State;

/// <summary>
/// Every team, plus indexes by id across teams for what needs no key: result files and the control API.
/// A reset swaps in an empty registry in one step.
/// </summary>
internal sealed class TeamStore
{
    private volatile Registry _registry = new();

    public Team GetOrAdd(string key) => _registry.Teams.GetOrAdd(key, static k => new Team(k));

    public void Register(Generation generation) => _registry.Generations[generation.Id] = generation;

    public void Register(Voiceover voiceover) => _registry.Voiceovers[voiceover.Id] = voiceover;

    public bool TryFindGeneration(Guid id, [MaybeNullWhen(false)] out Generation generation) =>
        _registry.Generations.TryGetValue(id, out generation);

    public bool TryFindVoiceover(Guid id, [MaybeNullWhen(false)] out Voiceover voiceover) =>
        _registry.Voiceovers.TryGetValue(id, out voiceover);

    public void Reset() => _registry = new Registry();

    private sealed class Registry
    {
        public ConcurrentDictionary<string, Team> Teams { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<Guid, Generation> Generations { get; } = new();

        public ConcurrentDictionary<Guid, Voiceover> Voiceovers { get; } = new();
    }
}
