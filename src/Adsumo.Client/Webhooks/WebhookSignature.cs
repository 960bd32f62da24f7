using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Adsumo.Client;

/// <summary>
/// Checks the X-Adsumo-Signature of a webhook: the lowercase hex HMAC-SHA256 of the raw body, keyed with the
/// webhook secret, compared in constant time so that timing reveals nothing about the expected value.
/// </summary>
public static class WebhookSignature
{
    public static string Compute(byte[] body, byte[] secret)
    {
        using var hmac = new HMACSHA256(secret);
        var hash = hmac.ComputeHash(body);
        var builder = new StringBuilder(hash.Length * 2);
        foreach (var b in hash) builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    public static bool Verify(byte[] body, string? signature, byte[] secret)
    {
        if (string.IsNullOrWhiteSpace(signature)) return false;
        var given = signature!.Trim();
        // Some senders prefix the algorithm, as in sha256=<hex>.
        if (given.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) given = given.Substring("sha256=".Length);
        var expected = Encoding.ASCII.GetBytes(Compute(body, secret));
        var actual = Encoding.ASCII.GetBytes(given.ToLowerInvariant());
        return FixedTimeEquals(expected, actual);
    }

    /// <summary>Reads a webhook's body into an event; a body that is not the expected JSON is an input error.</summary>
    public static WebhookEvent Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not a JSON object");
            return ModelReader.WebhookEvent(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new AdsumoInputException(ErrorReason.InvalidWebhookBody, "Body", $"The webhook body is not a JSON object: {SafeText.Line(e.Message, 120)}");
        }
    }

    private static bool FixedTimeEquals(byte[] a, byte[] b)
    {
        // Length is not secret (always 64 hex digits), but every byte is compared whatever the first difference.
        var difference = a.Length ^ b.Length;
        for (var i = 0; i < a.Length && i < b.Length; i++) difference |= a[i] ^ b[i];
        return difference == 0;
    }
}
