using System.Runtime.CompilerServices;

namespace Adsumo.Infrastructure;

/// <summary>
/// Which journal a generation written by a journaled cmdlet belongs to, so that Wait-AdsumoGeneration and
/// Save-AdsumoGeneration further down the pipeline record its completion and its saved file there without being
/// told. The link lives beside the object (never in it), so it is not serialized and goes away with it.
/// </summary>
internal static class JournalLinks
{
    private static readonly ConditionalWeakTable<Generation, string> Paths = new();

    public static void Attach(Generation generation, string journalPath)
    {
        lock (Paths)
        {
            Paths.Remove(generation);
            Paths.Add(generation, journalPath);
        }
    }

    public static string? Of(Generation generation) => Paths.TryGetValue(generation, out var path) ? path : null;
}
