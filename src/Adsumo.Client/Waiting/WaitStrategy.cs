namespace Adsumo.Client;

/// <summary>How a wait learns that its generations ended.</summary>
public enum WaitStrategy
{
    /// <summary>By list when that costs fewer requests, by id otherwise: the default.</summary>
    Auto,

    /// <summary>Each generation read by id on its own schedule.</summary>
    ById,

    /// <summary>The team's processing generations listed every interval; those that left the list read by id.</summary>
    ByList,
}
