using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Adsumo.Emulator.Catalog;

internal sealed record Voice(string Id, string Name, string Gender, string AgeGroup, string Accent, string Style);

/// <summary>
/// The voice catalogue: fixed ElevenLabs-style ids (opaque 20-character strings, not UUIDs, as the docs say),
/// chosen so that every documented filter value matches at least one voice.
/// </summary>
internal static class Voices
{
    public static readonly string[] Genders = ["male", "female", "other"];
    public static readonly string[] AgeGroups = ["kid", "young_adult", "adult", "senior"];
    public static readonly string[] Accents =
        ["american", "british", "french", "danish", "swedish", "german", "norwegian", "spanish", "neutral"];
    public static readonly string[] Styles = ["professional", "casual", "energetic", "whisper", "speaker"];

    public static readonly IReadOnlyList<Voice> All =
    [
        new("EXAVITQu4vr4xnSDxMaL", "Sarah", "female", "young_adult", "american", "professional"),
        new("jIhKtJ0RlgLKOmxgJTeK", "Marcus", "male", "adult", "american", "casual"),
        new("dNnFRIBXuDL7DxtpYlSX", "Eleanor", "female", "senior", "british", "professional"),
        new("pfKtHF4vUCsMehGAkWvj", "Oliver", "male", "young_adult", "british", "energetic"),
        new("7FAc9QeWJKY40uvSwMFL", "Camille", "female", "adult", "french", "casual"),
        new("ZDe1f8rESQedUStPKR0C", "Luc", "male", "senior", "french", "speaker"),
        new("sTy4Qwb8DwkNhFdnXsiV", "Freja", "female", "young_adult", "danish", "whisper"),
        new("pzz63FfkCzJr4i0B3JrT", "Mads", "male", "adult", "danish", "professional"),
        new("AwR4y9ojfljoQoaF1Llq", "Astrid", "female", "adult", "swedish", "energetic"),
        new("sajAIxNKu8iS2G8NPRVd", "Nils", "male", "kid", "swedish", "casual"),
        new("D53X83RZJzzzzgEOzdme", "Lena", "female", "kid", "german", "energetic"),
        new("nCkhvMdgaKjIg8xNbe3n", "Klaus", "male", "senior", "german", "speaker"),
        new("NyjOq9wMxEhh2FDEEtfj", "Ingrid", "female", "senior", "norwegian", "whisper"),
        new("gVvVqE1SkHbn88HxjSI6", "Sindre", "male", "young_adult", "norwegian", "professional"),
        new("bWHtP3fS2qHx6kwXoIIX", "Lucia", "female", "adult", "spanish", "speaker"),
        new("GvOoNZYW2mZp0zVZomHF", "Mateo", "male", "young_adult", "spanish", "casual"),
        new("wUbbYrEqmSM9wCZ7Uw9x", "River", "other", "adult", "neutral", "professional"),
        new("fogoEmvnEN5N1aE6PwZP", "Sky", "other", "kid", "neutral", "energetic"),
        new("f1Qh6yYTWmE4lBYOvfZ8", "Quinn", "other", "young_adult", "neutral", "whisper"),
        new("UzDzV8fUkkibjL5DZPjN", "Avery", "other", "senior", "american", "speaker"),
    ];

    private static readonly Dictionary<string, Voice> ById = All.ToDictionary(v => v.Id, StringComparer.Ordinal);

    public static bool TryGet(string id, [MaybeNullWhen(false)] out Voice voice) => ById.TryGetValue(id, out voice);
}
