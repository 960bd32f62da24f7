using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Adsumo.Client;

/// <summary>
/// The one place where secrets (API keys, webhook secrets) cross between a SecureString and plain text: read
/// whole (a NUL inside is kept, not taken as the end), with the unmanaged copy zeroed as soon as it is read.
/// </summary>
public static class Secrets
{
    /// <summary>The text of a SecureString, for the moment it is needed (signing a request, computing an HMAC).</summary>
    public static string Reveal(SecureString secret)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            // With its length: read up to a NUL, a key with one inside would be cut short there and pass as valid.
            return Marshal.PtrToStringUni(pointer, secret.Length) ?? "";
        }
        finally
        {
            if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    /// <summary>A read-only SecureString holding <paramref name="plain"/>, for a secret that arrived as text.</summary>
    public static SecureString Protect(string plain)
    {
        var secure = new SecureString();
        foreach (var c in plain) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
