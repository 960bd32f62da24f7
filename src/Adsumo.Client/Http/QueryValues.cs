using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Adsumo.Client.Http;

/// <summary>
/// Writes query values the way APIs read them, whatever this machine's culture: booleans as true and false, numbers
/// with a dot, times as ISO 8601 in UTC, and a list as the same name repeated (status=a&amp;status=b). A value that
/// has no such form (a nested table, an object) is refused before sending rather than sent as its type name.
/// </summary>
internal static class QueryValues
{
    public static IEnumerable<string> Format(string name, object? value)
    {
        if (value is null) return Array.Empty<string>();
        if (value is string or not IEnumerable) return new[] { Scalar(name, value) };
        if (value is IDictionary) throw Refused(name, value);
        var values = new List<string>();
        foreach (var item in (IEnumerable)value)
        {
            if (item is null) continue;
            if (item is IEnumerable and not string) throw Refused(name, item);
            values.Add(Scalar(name, item));
        }
        return values;
    }

    private static string Scalar(string name, object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        char c => c.ToString(),
        DateTime dt => Iso(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Local) : dt)),
        DateTimeOffset dto => Iso(dto),
        float or double when double.IsNaN(Convert.ToDouble(value, CultureInfo.InvariantCulture)) || double.IsInfinity(Convert.ToDouble(value, CultureInfo.InvariantCulture)) => throw Refused(name, value),
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        Guid g => g.ToString(),
        Uri u => u.OriginalString,
        Enum e => e.ToString(),
        _ => throw Refused(name, value),
    };

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static AdsumoInputException Refused(string name, object value) => new(ErrorReason.InvalidQuery, "Query",
        $"-Query value '{SafeText.Line(name, 60)}' is a {value.GetType().Name}, which has no form in a query string: use strings, numbers, booleans, dates or a list of them.");
}
