using System;
using System.Collections.Generic;
using System.Linq;

namespace Adsumo.Emulator.Catalog;

internal sealed record PlatformAvatar(Guid Id, string Name, string Gender, string AgeGroup);

/// <summary>The pre-made avatars every team sees. Fixed ids, so scripts and tests can name them.</summary>
internal static class PlatformAvatars
{
    public static readonly IReadOnlyList<PlatformAvatar> All =
    [
        new(Guid.Parse("6513270e-269e-4d37-b2a7-4de452e6b438"), "Emma", "female", "young_adult"),
        new(Guid.Parse("d23f0824-128b-4f33-8c5c-7fd0a6a3a450"), "Liam", "male", "young_adult"),
        new(Guid.Parse("9531985d-5d9d-49f8-9818-e811892f902b"), "Sofia", "female", "adult"),
        new(Guid.Parse("36f675cc-81e7-4ef5-a8e2-5d940ed90475"), "Noah", "male", "adult"),
        new(Guid.Parse("6b0d549b-6f03-475a-9600-a35a099950d8"), "Grace", "female", "senior"),
        new(Guid.Parse("8d116ece-1738-47d9-bd9c-172411e20b8f"), "Henry", "male", "senior"),
        new(Guid.Parse("90c192cf-d3ac-44af-8f21-ddb66cad4a26"), "Mia", "female", "young_adult"),
        new(Guid.Parse("a170b338-3926-4059-b28c-105d1fb17c23"), "Ethan", "male", "adult"),
        new(Guid.Parse("0fd630f1-f29d-4da9-953f-48f1a09f76b5"), "Olivia", "female", "adult"),
        new(Guid.Parse("0cb1e29c-658c-4a14-95e6-0af593bd04cf"), "James", "male", "senior"),
        new(Guid.Parse("8e81973e-0bec-47b0-b898-d190f9ebdacc"), "Ava", "female", "senior"),
        new(Guid.Parse("6b4cb242-4a23-4596-a217-beaddbc496cb"), "Lucas", "male", "young_adult"),
    ];

    private static readonly Dictionary<Guid, PlatformAvatar> ById = All.ToDictionary(a => a.Id);

    public static bool Contains(Guid id) => ById.ContainsKey(id);
}
