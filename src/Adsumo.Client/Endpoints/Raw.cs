using System;
using System.Collections;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

public sealed partial class AdsumoClient
{
    /// <summary>
    /// Any endpoint, with the connection's key, retries, errors and cancellation: for endpoints the module has no
    /// cmdlet for. GET, HEAD, PUT and DELETE are retried on transient failures; POST and PATCH only when the service
    /// certainly never received them.
    /// </summary>
    public Task<ApiResponse> InvokeAsync(string method, string path, IDictionary? query, object? body, CallContext call)
    {
        var verb = Input.Required(method, "Method").ToUpperInvariant();
        var relative = Input.Required(path, "Path");
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            // A full URL is accepted only when it points inside the API, and is made relative to it.
            if (!IsInsideApi(absolute))
                throw new Adsumo.AdsumoInputException(ErrorReason.InvalidPath, "Path", $"'{SafeText.Quote(relative)}' is outside the API's base URI ({BaseUri}); the key is only sent there.");
            relative = absolute.PathAndQuery.Substring(BaseUri.AbsolutePath.Length);
        }
        var safety = verb is "GET" or "HEAD" or "PUT" or "DELETE" or "OPTIONS" ? RetrySafety.Idempotent : RetrySafety.OnlyIfNotProcessed;
        var request = new ApiRequest(new HttpMethod(verb), relative, safety);
        if (query is not null)
        {
            foreach (DictionaryEntry entry in query)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                foreach (var value in QueryValues.Format(name, entry.Value)) request.With(name, value);
            }
        }
        if (body is not null)
        {
            request.Body = body is string text ? CheckedJson(text) : Encoding.UTF8.GetBytes(JsonValues.ToNode(body, "Body")?.ToJsonString() ?? "null");
        }
        return SendAsync(request, call);
    }

    private static byte[] CheckedJson(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Adsumo.AdsumoInputException(ErrorReason.InvalidBody, "Body", $"-Body is a string but not valid JSON ({SafeText.Line(e.Message, 120)}); pass a hashtable to have it converted.");
        }
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Reads an answer of <see cref="InvokeAsync"/>: a generation when it carries a generation_id, else plain values.</summary>
    public static object? ReadAnswer(ApiResponse response, string described)
    {
        if (response.Body.Length == 0) return null;
        return Parse<object?>(response, described, root =>
            root.ValueKind == System.Text.Json.JsonValueKind.Object && Wire.Has(root, "generation_id") ? ModelReader.Generation(root) : JsonValues.FromElement(root));
    }
}
