using System;
using System.Collections.Generic;
using System.Threading;

namespace Adsumo.Emulator.State;

/// <summary>
/// Everything one API key owns. Each team has its own lock, so teams never wait for each other;
/// every member below is guarded by <see cref="Sync"/>.
/// </summary>
internal sealed class Team(string key)
{
    private readonly Dictionary<Guid, int> _uses = [];
    private readonly Dictionary<string, NewestFirstList<Generation>> _generationsByType = new(StringComparer.Ordinal)
    {
        [GenerationTypes.TalkingAvatar] = new(),
        [GenerationTypes.AiVideo] = new(),
        [GenerationTypes.Image] = new(),
    };

    public string Key { get; } = key;

    public Lock Sync { get; } = new();

    public int CreditsUsed { get; set; }

    public NewestFirstList<Product> Products { get; } = new();

    public NewestFirstList<CustomAvatar> CustomAvatars { get; } = new();

    public NewestFirstList<Generation> Generations { get; } = new();

    public Dictionary<Guid, Voiceover> Voiceovers { get; } = [];

    public NewestFirstList<Generation> GenerationsOfType(string type) => _generationsByType[type];

    public void AddGeneration(Generation generation)
    {
        Generations.Add(generation);
        _generationsByType[generation.Type].Add(generation);
        if (generation.UsedResourceId is { } used) _uses[used] = _uses.GetValueOrDefault(used) + 1;
    }

    /// <summary>Whether any generation uses this product or custom avatar (generations are never deleted).</summary>
    public bool IsInUse(Guid resourceId) => _uses.ContainsKey(resourceId);
}
