using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adsumo.Emulator.Json;

/// <summary>Writes UTC timestamps in one fixed format, without allocating; the emulator never reads them.</summary>
internal abstract class UtcTimestampConverter(string format) : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The emulator only writes timestamps.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> text = stackalloc char[32];
        value.UtcDateTime.TryFormat(text, out var written, format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    protected static string Format(DateTimeOffset value, string format) =>
        value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>Writes timestamps exactly as the public docs show them: <c>2026-01-15T12:00:00Z</c>.</summary>
internal sealed class UtcSecondsConverter() : UtcTimestampConverter(Pattern)
{
    private const string Pattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";

    public static string ToText(DateTimeOffset value) => Format(value, Pattern);
}

/// <summary>The request log needs finer times than the API's whole seconds to tell retries apart.</summary>
internal sealed class UtcMillisecondsConverter() : UtcTimestampConverter("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'");
