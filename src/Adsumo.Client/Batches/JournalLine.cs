using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Adsumo.Client;

/// <summary>One record of a journal, written as a single line of JSON: {"op","key","at", ...}.</summary>
internal sealed class JournalLine
{
    private readonly List<(string Name, object? Value)> _fields = [];

    // People read journals: text is kept as it is (the file is never served to a browser, so no HTML escaping).
    internal static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JournalLine(string op, string? key)
    {
        _fields.Add(("op", op));
        if (key is not null) _fields.Add(("key", key));
        _fields.Add(("at", Now()));
    }

    /// <summary>The time now as journals write it: UTC, to the tenth of a microsecond, ending in Z.</summary>
    public static string Now() => DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);

    public JournalLine With(string name, object? value)
    {
        if (value is not null) _fields.Add((name, value));
        return this;
    }

    /// <summary>A field whose value is JSON already (a canonical request body).</summary>
    public JournalLine WithJson(string name, string json)
    {
        _fields.Add((name, new RawJson(json)));
        return this;
    }

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _fields)
            {
                switch (value)
                {
                    case string text: writer.WriteString(name, text); break;
                    case int number: writer.WriteNumber(name, number); break;
                    case double number: writer.WriteNumber(name, number); break;
                    case RawJson raw:
                        writer.WritePropertyName(name);
                        writer.WriteRawValue(raw.Json, skipInputValidation: false);
                        break;
                    case IEnumerable<string> texts:
                        writer.WriteStartArray(name);
                        foreach (var text in texts) writer.WriteStringValue(text);
                        writer.WriteEndArray();
                        break;
                    default: throw new ArgumentException($"A journal field cannot hold {value?.GetType().Name}.", nameof(value));
                }
            }
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>A record's line (as <see cref="ToBytes"/> wrote it) as parsed JSON, for the journal's own state.</summary>
    public static JsonElement Parse(byte[] line)
    {
        using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(line, 0, line.Length - 1));
        return document.RootElement.Clone();
    }

    private sealed class RawJson(string json)
    {
        public string Json { get; } = json;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes()).TrimEnd('\n');
}
