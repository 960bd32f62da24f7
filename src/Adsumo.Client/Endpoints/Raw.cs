using System;
using System.Collections;
using System.Collections.Generic;
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
    /// certainly never received them. Query values are written as the API reads them (<see cref="QueryValues"/>).
    /// </summary>
    public Task<ApiResponse> InvokeAsync(string method, string path, IDictionary? query, object? body, CallContext call)
    {
        var verb = Input.Required(method, "Method").ToUpperInvariant();
        var relative = Input.Required(path, "Path");
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            // A full URL is accepted only when it points inside the API, and is made relative to it.
            if (!InsideApi(absolute))
                throw new Adsumo.AdsumoInputException(ErrorReason.InvalidPath, "Path", $"'{Input.Quote(relative)}' is outside the API's base URI ({BaseUri}); the key is only sent there.");
            relative = absolute.PathAndQuery.Substring(BaseUri.AbsolutePath.Length);
        }
        var safety = verb is "GET" or "HEAD" or "PUT" or "DELETE" or "OPTIONS" ? RetrySafety.Idempotent : RetrySafety.OnlyIfNotProcessed;
        var request = new ApiRequest(new HttpMethod(verb), relative, safety);
        if (query is not null)
        {
            foreach (DictionaryEntry entry in query)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                foreach (var value in QueryValues(key, entry.Value)) request.With(key, value);
            }
        }
        if (body is not null)
        {
            request.Body = body is string text ? CheckedJson(text) : Encoding.UTF8.GetBytes(JsonValues.ToNode(body, "Body")?.ToJsonString() ?? "null");
        }
        return SendAsync(request, call);
    }

    /// <summary>
    /// One -Query entry as the values of its key: null is left out; an array repeats the key (status=a&amp;status=b),
    /// as most web APIs read lists; booleans are true and false, numbers in the invariant culture, times ISO 8601 in
    /// UTC. Anything else (a hashtable, an array inside an array, an object) cannot be a query value and is refused
    /// before anything is sent, rather than sent as its type name.
    /// </summary>
    public static IEnumerable<string> QueryValues(string key, object? value)
    {
        if (value is null) return Array.Empty<string>();
        if (value is string or IDictionary or not IEnumerable) return new[] { QueryScalar(key, value, value) };
        var values = new List<string>();
        foreach (var item in (IEnumerable)value)
        {
            if (item is not null) values.Add(QueryScalar(key, item, value));
        }
        return values;
    }

    private static string QueryScalar(string key, object value, object whole) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        char c => c.ToString(),
        byte or sbyte or short or ushort or int or uint or long or ulong or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        float or double when Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && !double.IsNaN(d) && !double.IsInfinity(d) =>
            d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => JsonValues.IsoUtc(dt),
        DateTimeOffset dto => JsonValues.IsoUtc(dto),
        Guid g => g.ToString(),
        Enum e => e.ToString(),
        Uri uri => uri.OriginalString,
        _ => throw new Adsumo.AdsumoInputException(ErrorReason.InvalidQuery, "Query",
            $"-Query '{Sanitize.Text(key, 60)}' holds {Describe(value, whole)}, which cannot be a query value: use strings, numbers, booleans, dates or an array of them."),
    };

    private static string Describe(object value, object whole) => value switch
    {
        float or double => "a number that is not finite",
        IDictionary => ReferenceEquals(value, whole) ? "a hashtable" : "a hashtable inside an array",
        IEnumerable => "an array inside an array",
        _ => "a " + value.GetType().Name,
    };

    private static byte[] CheckedJson(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Adsumo.AdsumoInputException(ErrorReason.InvalidBody, "Body", $"-Body is a string but not valid JSON ({Sanitize.Text(e.Message, 120)}); pass a hashtable to have it converted.");
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
