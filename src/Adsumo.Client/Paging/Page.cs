using System.Collections.Generic;
using System.Text.Json;

namespace Adsumo.Client;

/// <summary>One page of a list: its items and, when the service said, the total across all pages.</summary>
public sealed class Page<T>
{
    public Page(IReadOnlyList<T> items, long? total)
    {
        Items = items;
        Total = total;
    }

    public IReadOnlyList<T> Items { get; }

    public long? Total { get; }

    /// <summary>Reads {data:[...], pagination:{total}} or, as some endpoints answer, a bare array.</summary>
    internal static Page<T> Read(JsonElement root, System.Func<JsonElement, T> read, string described)
    {
        JsonElement data;
        long? total = null;
        if (root.ValueKind == JsonValueKind.Array)
        {
            data = root;
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out data) && data.ValueKind == JsonValueKind.Array)
        {
            // A negative total is no total: the pages themselves say when the list ends.
            if (Wire.Object(root, "pagination") is { } pagination && Wire.Long(pagination, "total") is >= 0 and var given) total = given;
        }
        else
        {
            throw ModelReader.Invalid($"{described} answered without a data array.");
        }
        var items = new List<T>(data.GetArrayLength());
        foreach (var element in data.EnumerateArray()) items.Add(read(element));
        return new Page<T>(items, total);
    }
}
