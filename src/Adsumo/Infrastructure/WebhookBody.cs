using System.Management.Automation;
using System.Security;
using System.Text;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>Turns the webhook cmdlets' -Body and -Secret into the bytes the signature is computed over.</summary>
internal static class WebhookBody
{
    public static byte[] Bytes(object body) => (body is PSObject wrapped ? wrapped.BaseObject : body) switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        var other => throw new AdsumoInputException(ErrorReason.InvalidWebhookBody, "Body", $"-Body must be the raw body as a string or bytes, not a {other.GetType().Name}."),
    };

    public static byte[] SecretBytes(SecureString secret)
    {
        var plain = Secrets.Reveal(secret);
        if (plain.Length == 0) throw new AdsumoInputException(ErrorReason.MissingValue, "Secret", "-Secret must not be empty.");
        return Encoding.UTF8.GetBytes(plain);
    }
}
