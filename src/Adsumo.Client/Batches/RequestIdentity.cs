using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Adsumo.Client;

/// <summary>
/// What makes two creation requests the same: the endpoint and the body in a canonical form (properties sorted,
/// no whitespace), so that the order fields were set in never matters. Identical requests are told apart only by
/// how many came before them (the journal's occurrence number) or by a key the user names.
/// </summary>
public sealed class RequestIdentity
{
    private RequestIdentity(string endpoint, byte[] body, string canonical)
    {
        Endpoint = endpoint;
        Body = body;
        CanonicalBody = canonical;
        Fingerprint = endpoint + "\n" + canonical;
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(Fingerprint));
        Hash = string.Concat(hash.Take(6).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The endpoint below the base URI, such as images/text-to-image.</summary>
    public string Endpoint { get; }

    /// <summary>The body as it is sent.</summary>
    public byte[] Body { get; }

    /// <summary>The body as canonical JSON.</summary>
    public string CanonicalBody { get; }

    /// <summary>Endpoint and canonical body: equal for identical requests.</summary>
    public string Fingerprint { get; }

    /// <summary>12 hex digits of the fingerprint's SHA-256, for journal keys people can read.</summary>
    public string Hash { get; }

    /// <summary>The last segment of the endpoint, such as text-to-image.</summary>
    public string ShortEndpoint => Endpoint.Substring(Endpoint.LastIndexOf('/') + 1);

    public static RequestIdentity Of(string endpoint, byte[] body) => new(endpoint, body, Canonical(body));

    /// <summary>The identity of a request recorded in a journal, from its endpoint and canonical body.</summary>
    internal static RequestIdentity FromCanonical(string endpoint, string canonical) =>
        new(endpoint, Encoding.UTF8.GetBytes(canonical), canonical);

    /// <summary>JSON with every object's properties sorted by name and no whitespace.</summary>
    public static string Canonical(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(document.RootElement, writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(item, writer);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
