using System.Collections.Generic;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    /// <summary>Voices, filtered on the server by any of gender, age group, accent and style.</summary>
    public PagedQuery<Voice> ListVoices(string? gender, string? ageGroup, string? accent, string? style, ulong skip, ulong first) =>
        Paged("voices", new List<KeyValuePair<string, string?>> { new("gender", gender), new("age_group", ageGroup), new("accent", accent), new("style", style) },
            ModelReader.Voice, v => v.Id, skip, first);
}
