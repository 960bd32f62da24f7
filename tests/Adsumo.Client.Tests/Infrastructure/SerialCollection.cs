namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>Tests that measure time or CPU closely run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
