using System.Collections.Generic;
using System.Net.Http;

namespace Adsumo.Client.Http;

/// <summary>One logical call to the API: method, path under the base URI, query, JSON body, and how safe it is to resend.</summary>
public sealed class ApiRequest
{
    public ApiRequest(HttpMethod method, string path, RetrySafety safety)
    {
        Method = method;
        Path = path;
        Safety = safety;
    }

    public HttpMethod Method { get; }

    /// <summary>The path below the base URI, such as products/{id}.</summary>
    public string Path { get; }

    public RetrySafety Safety { get; }

    /// <summary>Query parameters; null values are left out.</summary>
    public IList<KeyValuePair<string, string?>> Query { get; } = new List<KeyValuePair<string, string?>>();

    /// <summary>The JSON body, already serialized as UTF-8.</summary>
    public byte[]? Body { get; set; }

    public ApiRequest With(string name, string? value)
    {
        Query.Add(new KeyValuePair<string, string?>(name, value));
        return this;
    }

    public static ApiRequest Get(string path) => new(HttpMethod.Get, path, RetrySafety.Idempotent);

    public static ApiRequest Delete(string path) => new(HttpMethod.Delete, path, RetrySafety.Idempotent);

    public static ApiRequest Create(string path, byte[] body) => new(HttpMethod.Post, path, RetrySafety.OnlyIfNotProcessed) { Body = body };
}
