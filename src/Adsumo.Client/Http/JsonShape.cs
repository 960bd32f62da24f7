using System.Net.Http;
using System.Text.Json;

namespace Adsumo.Client.Http;

/// <summary>Checks that a buffered answer is well-formed JSON, so that a broken body can be retried like a failure.</summary>
internal static class JsonShape
{
    /// <summary>Null when the body is empty or valid JSON, else what is wrong with it.</summary>
    public static string? Problem(HttpResponseMessage response)
    {
        if (response.Content is not ByteArrayContent) return null;
        // Only an answer that says it is JSON (or says nothing) is expected to parse: a CSV or an image is not broken.
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && !mediaType.EndsWith("/json", System.StringComparison.OrdinalIgnoreCase)
            && !mediaType.EndsWith("+json", System.StringComparison.OrdinalIgnoreCase)) return null;
        var bytes = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        if (bytes.Length == 0) return null;
        return IsWellFormed(bytes) ? null : "an answer that is not valid JSON";
    }

    /// <summary>
    /// Whether the bytes are complete, valid JSON, however deep: valid JSON nested beyond what the module reads is
    /// an answer it refuses at once, not a broken one worth another attempt. The reader keeps one bit per level, so
    /// depth costs no stack.
    /// </summary>
    public static bool IsWellFormed(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = int.MaxValue });
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
