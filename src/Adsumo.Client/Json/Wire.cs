using System;
using System.Globalization;
using System.Text.Json;

namespace Adsumo.Client;

/// <summary>
/// Tolerant reads of the service's JSON: a missing field or one of an unexpected type is null rather than a failure,
/// numbers may come as strings, and unknown fields are ignored, so that a change on the service side degrades one
/// value instead of breaking a listing.
/// </summary>
internal static class Wire
{
    public static bool Has(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? String(value) : null;

    /// <summary>A field's value already found (default when it was absent) read as text.</summary>
    public static string? String(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

    public static decimal? Decimal(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? Decimal(value) : null;

    public static decimal? Decimal(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        return null;
    }

    public static double? Double(JsonElement obj, string name) => (double?)Decimal(obj, name);

    public static long? Long(JsonElement obj, string name)
    {
        var value = Decimal(obj, name);
        return value is { } v && v >= long.MinValue && v <= long.MaxValue ? (long)Math.Round(v) : null;
    }

    public static int? Int(JsonElement obj, string name)
    {
        var value = Long(obj, name);
        return value is { } v && v >= int.MinValue && v <= int.MaxValue ? (int)v : null;
    }

    public static DateTimeOffset? Date(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? Date(value) : null;

    public static DateTimeOffset? Date(JsonElement value)
    {
        var text = String(value);
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
    }

    public static JsonElement? Object(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
