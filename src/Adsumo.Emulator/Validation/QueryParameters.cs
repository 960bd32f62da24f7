using System;
using System.Globalization;
using Adsumo.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Validation;

/// <summary>Query values are validated, never clamped: a client sending limit=500 has a bug worth seeing.</summary>
internal static class QueryParameters
{
    public static (int Limit, int Offset) Paging(HttpRequest request)
    {
        var limit = Integer(request, "limit", 1, Limits.MaxPageSize, $"an integer from 1 to {Limits.MaxPageSize}")
            ?? Limits.DefaultPageSize;
        var offset = Integer(request, "offset", 0, int.MaxValue, "an integer of 0 or more") ?? 0;
        return (limit, offset);
    }

    public static string? OptionalEnum(HttpRequest request, string name, string[] allowed)
    {
        if (!request.Query.TryGetValue(name, out var values)) return null;
        if (values.Count == 1 && Array.IndexOf(allowed, values[0]) >= 0) return values[0];
        throw ApiErrors.Invalid(name, $"'{name}' must be one of {string.Join(", ", allowed)}.");
    }

    private static int? Integer(HttpRequest request, string name, int min, int max, string rule)
    {
        if (!request.Query.TryGetValue(name, out var values)) return null;
        if (values.Count == 1
            && int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max)
            return number;
        throw ApiErrors.Invalid(name, $"'{name}' must be {rule}.");
    }
}
