using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace Adsumo.Client;

/// <summary>
/// The checks made before anything is sent. Each failure is an <see cref="AdsumoInputException"/> naming the
/// parameter and why, so a user learns what to fix without a round trip and nothing is created or charged.
/// </summary>
public static class Input
{
    private static readonly Regex Uuid = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex Slug = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex Ratio = new("^[1-9][0-9]{0,1}:[1-9][0-9]{0,1}$", RegexOptions.CultureInvariant);
    private static readonly Regex Currency3 = new("^[A-Za-z]{3}$", RegexOptions.CultureInvariant);

    /// <summary>The longest custom avatar name the service accepts.</summary>
    public const int MaxAvatarName = 50;

    /// <summary>An Adsumo id: a UUID such as 550e8400-e29b-41d4-a716-446655440000.</summary>
    public static string Id(string? value, string parameter, string what = "id")
    {
        var text = Required(value, parameter);
        if (!Uuid.IsMatch(text))
            throw new AdsumoInputException(ErrorReason.InvalidId, parameter, $"'{SafeText.Quote(text)}' is not a valid {what}: Adsumo ids are UUIDs such as 550e8400-e29b-41d4-a716-446655440000.");
        return text.ToLowerInvariant();
    }

    /// <summary>A value that must be given and not be blank.</summary>
    public static string Required(string? value, string parameter)
    {
        if (value is null || value.Trim().Length == 0)
            throw new AdsumoInputException(ErrorReason.MissingValue, parameter, $"-{parameter} must not be empty.");
        return value.Trim();
    }

    /// <summary>A name of at most <paramref name="maxLength"/> characters, when there is a limit.</summary>
    public static string Name(string? value, string parameter, int? maxLength)
    {
        var text = Required(value, parameter);
        if (maxLength is { } max && text.Length > max)
            throw new AdsumoInputException(ErrorReason.NameTooLong, parameter, $"-{parameter} has {text.Length} characters; the service accepts at most {max}.");
        return text;
    }

    /// <summary>An absolute http or https URL.</summary>
    public static string Url(string? value, string parameter)
    {
        var text = Required(value, parameter);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            throw new AdsumoInputException(ErrorReason.InvalidUrl, parameter, $"'{SafeText.Quote(text)}' is not an absolute http or https URL; -{parameter} needs one, such as https://example.com/image.png.");
        return text;
    }

    /// <summary>An ISO 4217 code: three letters, returned in upper case.</summary>
    public static string Currency(string? value, string parameter)
    {
        var text = Required(value, parameter);
        if (!Currency3.IsMatch(text))
            throw new AdsumoInputException(ErrorReason.InvalidCurrency, parameter, $"'{SafeText.Quote(text)}' is not an ISO 4217 currency code: use three letters such as USD or EUR.");
        return text.ToUpperInvariant();
    }

    /// <summary>A price of zero or more.</summary>
    public static decimal Price(decimal value, string parameter)
    {
        if (value < 0)
            throw new AdsumoInputException(ErrorReason.InvalidPrice, parameter, $"-{parameter} is {value}; a price must be zero or more.");
        return value;
    }

    /// <summary>A style template's slug, such as lifestyle-outdoor.</summary>
    public static string StyleSlug(string? value, string parameter)
    {
        var text = Required(value, parameter);
        if (!Slug.IsMatch(text))
            throw new AdsumoInputException(ErrorReason.InvalidStyleId, parameter, $"'{SafeText.Quote(text)}' is not a style id: style ids are slugs of lower-case letters, digits and dashes, such as lifestyle-outdoor.");
        return text;
    }

    /// <summary>An aspect ratio such as 16:9.</summary>
    public static string AspectRatio(string? value, string parameter)
    {
        var text = Required(value, parameter);
        if (!Ratio.IsMatch(text))
            throw new AdsumoInputException(ErrorReason.InvalidAspectRatio, parameter, $"'{SafeText.Quote(text)}' is not an aspect ratio: use width:height, such as 16:9, 9:16 or 1:1.");
        return text;
    }

    /// <summary>A voice id: opaque (not a UUID), but one token of printable characters.</summary>
    public static string VoiceId(string? value, string parameter)
    {
        var text = Required(value, parameter);
        if (text.Length > 128 || !Regex.IsMatch(text, "^[A-Za-z0-9_.:-]+$"))
            throw new AdsumoInputException(ErrorReason.InvalidVoiceId, parameter, $"'{SafeText.Quote(text)}' is not a voice id: voice ids are single words of letters and digits, such as EXAVITQu4vr4xnSDxMaL. Get-AdsumoVoice lists them.");
        return text;
    }

    /// <summary>One of a fixed set of values, compared without case and returned in lower case, as the API takes them.</summary>
    public static string OneOf(string? value, string[] allowed, string parameter)
    {
        var text = Required(value, parameter);
        if (!allowed.Any(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)))
            throw new AdsumoInputException(ErrorReason.InvalidValue, parameter, $"'{SafeText.Quote(value!)}' is not a valid {parameter}: use one of {string.Join(", ", allowed)}.");
        return text.ToLowerInvariant();
    }

    /// <summary>A whole number within a range.</summary>
    public static int Range(int value, int min, int max, string parameter)
    {
        if (value < min || value > max)
            throw new AdsumoInputException(ErrorReason.OutOfRange, parameter, $"-{parameter} is {value}; it must be from {min} to {max}.");
        return value;
    }
}
