using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

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
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            // Read with its length: a NUL inside must not cut the secret short.
            var plain = Marshal.PtrToStringUni(pointer, secret.Length);
            if (plain.Length == 0) throw new AdsumoInputException(ErrorReason.MissingValue, "Secret", "-Secret must not be empty.");
            return Encoding.UTF8.GetBytes(plain);
        }
        finally
        {
            if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
