using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Adsumo.Client;

/// <summary>
/// Reads a journal file: its header line, its records, and where a torn last line starts (a line the writer was
/// killed in the middle of, with no newline after it). A damaged line anywhere else is refused rather than skipped.
/// </summary>
internal sealed class JournalFile
{
    private JournalFile(JsonElement? header, List<JsonElement> records, long? tornAt)
    {
        Header = header;
        Records = records;
        TornAt = tornAt;
    }

    /// <summary>The header; null for an empty file or one whose only line is torn.</summary>
    public JsonElement? Header { get; }

    public IReadOnlyList<JsonElement> Records { get; }

    /// <summary>The offset where a torn last line begins, if there is one.</summary>
    public long? TornAt { get; }

    public static JournalFile Read(Stream stream, string path)
    {
        stream.Seek(0, SeekOrigin.Begin);
        var bytes = new byte[stream.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0) break;
            read += n;
        }
        JsonElement? header = null;
        var records = new List<JsonElement>();
        long? tornAt = null;
        var start = 0;
        var number = 0;
        while (start < read)
        {
            var end = System.Array.IndexOf(bytes, (byte)'\n', start, read - start);
            var whole = end >= 0;
            var length = (whole ? end : read) - start;
            number++;
            if (!whole)
            {
                // No newline after it: cut off while it was written.
                tornAt = start;
                break;
            }
            if (length > 0 && !IsBlank(bytes, start, length))
            {
                JsonElement element;
                try
                {
                    using var document = JsonDocument.Parse(new System.ReadOnlyMemory<byte>(bytes, start, length));
                    element = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new AdsumoInputException(ErrorReason.InvalidJournal, "Journal",
                        $"Line {number} of the journal '{path}' is damaged (not JSON); only a torn last line is tolerated. Look at it before running again.");
                }
                if (element.ValueKind != JsonValueKind.Object)
                    throw new AdsumoInputException(ErrorReason.InvalidJournal, "Journal", $"Line {number} of the journal '{path}' is not a JSON object.");
                if (header is null) header = element;
                else records.Add(element);
            }
            start = end + 1;
        }
        return new JournalFile(header, records, tornAt);
    }

    private static bool IsBlank(byte[] bytes, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\r' or (byte)'\t')) return false;
        }
        return true;
    }
}
