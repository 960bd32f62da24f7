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
    private static readonly Regex PlainDecimal = new(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$", RegexOptions.CultureInvariant);
    // 1.299 is 1299 to half of Europe and 1.299 to the rest: a dot and then exactly three digits after one to three.
    private static readonly Regex ThousandsLike = new(@"^[+-]?[1-9][0-9]{0,2}\.[0-9]{3}$", RegexOptions.CultureInvariant);

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

    /// <summary>Text of at most <paramref name="maxLength"/> characters that must be given.</summary>
    public static string Text(string? value, string parameter, int maxLength)
    {
        var text = Required(value, parameter);
        if (text.Length > maxLength)
            throw new AdsumoInputException(ErrorReason.TextTooLong, parameter, $"-{parameter} has {text.Length} characters; the service accepts at most {maxLength}.");
        return text;
    }

    /// <summary>Optional text: null when not given or blank (blank text is not sent), else as <see cref="Text"/>.</summary>
    public static string? OptionalText(string? value, string parameter, int maxLength) =>
        value is null || value.Trim().Length == 0 ? null : Text(value, parameter, maxLength);

    /// <summary>An absolute http or https URL of at most <see cref="ServiceLimits.Url"/> characters.</summary>
    public static string Url(string? value, string parameter)
    {
        var text = Required(value, parameter);
        if (text.Length > ServiceLimits.Url)
            throw new AdsumoInputException(ErrorReason.InvalidUrl, parameter, $"-{parameter} has {text.Length} characters; the service accepts URLs of at most {ServiceLimits.Url}.");
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

    /// <summary>
    /// A price given as a number or as text, as from a CSV cell: null when not given (null or blank). Text must read
    /// the same in every culture: digits with a dot for decimals, no thousands separators, no currency sign. A comma
    /// (29,99 or 1,299.00) or a dot that may be a thousands separator (1.299) is refused rather than guessed, because
    /// PowerShell's own conversion would read 29,99 as 2999. Returns a price of zero or more.
    /// </summary>
    public static decimal? Price(object? value, string parameter)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                var trimmed = text.Trim();
                if (trimmed.Length == 0) return null;
                var why = trimmed.IndexOf(',') >= 0 ? "a comma may be a decimal or a thousands separator, so 29,99 is refused rather than read as 2999"
                    : !PlainDecimal.IsMatch(trimmed) ? "it is not a plain number"
                    : ThousandsLike.IsMatch(trimmed) ? "a dot before exactly three digits may be a thousands separator (1.299 for 1299)"
                    : null;
                if (why is not null)
                {
                    throw new AdsumoInputException(ErrorReason.InvalidPrice, parameter,
                        $"-{parameter} '{SafeText.Quote(trimmed)}' is not a price the module reads without guessing: {why}. Write digits with a dot for decimals and no thousands separator or currency sign, such as 29.99, 1299 or 1.2990.");
                }
                return Price(decimal.Parse(trimmed, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture), parameter);
            case decimal or double or float or int or long or short or byte or sbyte or uint or ulong or ushort:
                decimal number;
                try
                {
                    number = System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (System.OverflowException)
                {
                    throw new AdsumoInputException(ErrorReason.InvalidPrice, parameter, $"-{parameter} is {value}, which is not a price.");
                }
                return Price(number, parameter);
            default:
                throw new AdsumoInputException(ErrorReason.InvalidPrice, parameter, $"-{parameter} is a {value.GetType().Name}; a price is a number, or text such as 29.99.");
        }
    }

    /// <summary>A style template's slug, such as lifestyle-outdoor.</summary>
    public static string StyleSlug(string? value, string parameter)
    {
        var text = Required(value, parameter);
        if (text.Length > ServiceLimits.StyleId || !Slug.IsMatch(text))
            throw new AdsumoInputException(ErrorReason.InvalidStyleId, parameter, $"'{SafeText.Quote(text)}' is not a style id: style ids are slugs of lower-case letters, digits and dashes, such as lifestyle-outdoor, of at most {ServiceLimits.StyleId} characters.");
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
