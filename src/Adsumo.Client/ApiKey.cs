using System;
using System.Security;

namespace Adsumo.Client;

/// <summary>
/// The API key, kept as a SecureString and read only to sign a request. It has no property or ToString that
/// reveals it: the masked hint is all that is ever shown.
/// </summary>
public sealed class ApiKey
{
    public const string Prefix = "adsumo_sk_";
    private readonly SecureString _secret;

    private ApiKey(SecureString secret, string hint)
    {
        _secret = secret;
        Hint = hint;
    }

    /// <summary>The prefix and the last four characters, such as adsumo_sk_****c3d4.</summary>
    public string Hint { get; }

    /// <summary>
    /// Checks and wraps a key. The error never quotes the key, only what is wrong with it.
    /// </summary>
    public static ApiKey From(SecureString secret, string parameterName)
    {
        var plain = Secrets.Reveal(secret);
        if (plain.Length == 0)
            throw new AdsumoInputException(ErrorReason.InvalidApiKey, parameterName, "The API key is empty. Make one in the Adsumo dashboard (Settings > API Keys).");
        if (!plain.StartsWith(Prefix, StringComparison.Ordinal))
            throw new AdsumoInputException(ErrorReason.InvalidApiKey, parameterName, $"That is not an Adsumo API key: keys start with {Prefix}. Make one in the Adsumo dashboard (Settings > API Keys).");
        if (plain.Length <= Prefix.Length || plain.Length > 256)
            throw new AdsumoInputException(ErrorReason.InvalidApiKey, parameterName, $"That is not an Adsumo API key: it has {plain.Length} characters.");
        foreach (var c in plain)
        {
            if (c <= ' ' || c > '~')
                throw new AdsumoInputException(ErrorReason.InvalidApiKey, parameterName, "That is not an Adsumo API key: it contains spaces or characters outside printable ASCII.");
        }
        var copy = secret.Copy();
        copy.MakeReadOnly();
        return new ApiKey(copy, Prefix + "****" + plain.Substring(plain.Length - Math.Min(4, plain.Length - Prefix.Length)));
    }

    internal string Reveal() => Secrets.Reveal(_secret);

    /// <inheritdoc />
    public override string ToString() => Hint;
}
