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
        try
        {
            // Only broken syntax is worth another attempt: valid JSON nested too deep for the reader comes back the
            // same every time, so depth is not checked here (the reader keeps no stack frames per level) and the
            // answer fails at once where it is parsed.
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = int.MaxValue });
            while (reader.Read()) { }
            return null;
        }
        catch (JsonException)
        {
            return "an answer that is not valid JSON";
        }
    }
}
