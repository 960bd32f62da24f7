using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Adsumo.Emulator.Validation;

/// <summary>
/// A request body read as a JSON object, with readers that reject a bad field with a 400 naming it.
/// JSON null counts as absent: an optional field may be null, a required one may not.
/// Field names are matched exactly (snake_case, case-sensitive); unknown fields are ignored.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    private readonly JsonDocument _document;

    private JsonBody(JsonDocument document) => _document = document;

    private JsonElement Root => _document.RootElement;

    public static async Task<JsonBody> ReadAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            throw ApiErrors.Invalid(null, "The request body must be a JSON object.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiErrors.Invalid(null, "The request body must be a JSON object.");
        }
        return new JsonBody(document);
    }

    /// <summary>For control calls whose body may be left out entirely.</summary>
    public static Task<JsonBody> ReadOptionalAsync(HttpContext context)
    {
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        return canHaveBody ? ReadAsync(context) : Task.FromResult(new JsonBody(JsonDocument.Parse("{}")));
    }

    public void Dispose() => _document.Dispose();

    /// <summary>Present with a value other than null.</summary>
    public bool Has(string name) => TryGet(name, out _);

    /// <summary>Present at all, even as null: for settings, where null means "turn off".</summary>
    public bool Mentions(string name) => Root.TryGetProperty(name, out _);

    public string RequiredString(string name, int maxLength) =>
        OptionalString(name, maxLength) ?? throw ApiErrors.Invalid(name, $"'{name}' is required.");

    public string? OptionalString(string name, int maxLength)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw ApiErrors.Invalid(name, $"'{name}' must be a string.");
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) throw ApiErrors.Invalid(name, $"'{name}' must not be empty.");
        if (text.Length > maxLength)
            throw ApiErrors.Invalid(name, $"'{name}' must be at most {maxLength} characters (it has {text.Length}).");
        return text;
    }

    public string RequiredEnum(string name, string[] allowed) =>
        OptionalEnum(name, allowed) ?? throw ApiErrors.Invalid(name, $"'{name}' is required: one of {string.Join(", ", allowed)}.");

    public string? OptionalEnum(string name, string[] allowed)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && Array.IndexOf(allowed, value.GetString()) >= 0)
            return value.GetString()!;
        throw ApiErrors.Invalid(name, $"'{name}' must be one of {string.Join(", ", allowed)}.");
    }

    /// <summary>An array of values from a set, without repeats; null when absent.</summary>
    public string[]? OptionalEnumList(string name, string[] allowed)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && AllAllowed(value, allowed))
            return value.EnumerateArray().Select(item => item.GetString()!).Distinct().ToArray();
        throw ApiErrors.Invalid(name, $"'{name}' must be a non-empty array of {string.Join(", ", allowed)}.");
    }

    private static bool AllAllowed(JsonElement array, string[] allowed)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || Array.IndexOf(allowed, item.GetString()) < 0) return false;
        }
        return true;
    }

    public string RequiredMatch(string name, Regex pattern, string example) =>
        OptionalMatch(name, pattern, example) ?? throw ApiErrors.Invalid(name, $"'{name}' is required, e.g. {example}.");

    public string? OptionalMatch(string name, Regex pattern, string example)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.Length <= 100
            && pattern.IsMatch(text))
            return text;
        throw ApiErrors.Invalid(name, $"'{name}' is not valid: expected something like {example}.");
    }

    public int Integer(string name, int min, int max, int fallback) => OptionalInteger(name, min, max) ?? fallback;

    public int? OptionalInteger(string name, int min, int max)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            return number;
        throw ApiErrors.Invalid(name, $"'{name}' must be an integer from {min} to {max}.");
    }

    public long? OptionalLong(string name, long min, long max)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
            return number;
        throw ApiErrors.Invalid(name, $"'{name}' must be an integer from {min} to {max}.");
    }

    public double? OptionalNumber(string name, double min, double max)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= min && number <= max)
            return number;
        throw ApiErrors.Invalid(name, $"'{name}' must be a number from {Show(min)} to {Show(max)}.");
    }

    /// <summary>A price stays a decimal, so 29.99 comes back as 29.99.</summary>
    public decimal? OptionalPrice(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var price) && price >= 0) return price;
        throw ApiErrors.Invalid(name, $"'{name}' must be a number of 0 or more.");
    }

    public Guid RequiredUuid(string name) =>
        OptionalUuid(name) ?? throw ApiErrors.Invalid(name, $"'{name}' is required.");

    public Guid? OptionalUuid(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out var id)) return id;
        throw ApiErrors.Invalid(name, $"'{name}' must be a UUID.");
    }

    public string RequiredHttpUrl(string name) =>
        OptionalHttpUrl(name) ?? throw ApiErrors.Invalid(name, $"'{name}' is required.");

    public string? OptionalHttpUrl(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: <= 2048 } text
            && EmulatorSettings.IsHttpUrl(text))
            return text;
        throw ApiErrors.Invalid(name, $"'{name}' must be an absolute http or https URL.");
    }

    public void OptionalObject(string name)
    {
        if (TryGet(name, out var value) && value.ValueKind != JsonValueKind.Object)
            throw ApiErrors.Invalid(name, $"'{name}' must be a JSON object.");
    }

    /// <summary>The value of an object field, or null when absent.</summary>
    public JsonBody? OptionalNested(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) throw ApiErrors.Invalid(name, $"'{name}' must be a JSON object.");
        return new JsonBody(JsonDocument.Parse(value.GetRawText()));
    }

    private bool TryGet(string name, out JsonElement value) =>
        Root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
