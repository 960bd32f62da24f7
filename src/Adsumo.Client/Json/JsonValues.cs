using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Adsumo.Client;

/// <summary>
/// Converts between JSON and plain .NET values (dictionaries, lists, strings, numbers, booleans), for request bodies
/// given as hashtables and for answers of endpoints the module has no model for.
/// </summary>
public static class JsonValues
{
    /// <summary>
    /// A JSON node from a plain value; throws <see cref="AdsumoInputException"/> for what JSON cannot carry, and for
    /// a value nested too deep, too large or holding itself (<see cref="NestingGuard"/>).
    /// </summary>
    public static JsonNode? ToNode(object? value, string parameter) => ToNode(value, parameter, new NestingGuard(parameter), 0);

    private static JsonNode? ToNode(object? value, string parameter, NestingGuard guard, int depth)
    {
        guard.Count();
        switch (value)
        {
            case null:
                return null;
            case JsonNode node:
                return node.DeepClone();
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case char c:
                return JsonValue.Create(c.ToString());
            case byte or sbyte or short or ushort or int or uint or long:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong u:
                return JsonValue.Create(u);
            case float or double or decimal:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(number) || double.IsInfinity(number))
                    throw new AdsumoInputException(ErrorReason.InvalidBody, parameter, $"-{parameter} holds {number}, which JSON cannot carry.");
                return value is decimal d ? JsonValue.Create(d) : JsonValue.Create(number);
            case DateTime dt:
                return JsonValue.Create(dt.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
            case DateTimeOffset dto:
                return JsonValue.Create(dto.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
            case Guid g:
                return JsonValue.Create(g.ToString());
            case Uri uri:
                return JsonValue.Create(uri.OriginalString);
            case Enum e:
                return JsonValue.Create(e.ToString());
            case IDictionary dictionary:
                guard.Enter(dictionary, depth);
                var obj = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                    obj[key] = ToNode(entry.Value, parameter, guard, depth + 1);
                }
                guard.Exit(dictionary);
                return obj;
            case IEnumerable list:
                guard.Enter(list, depth);
                var array = new JsonArray();
                foreach (var item in list) array.Add(ToNode(item, parameter, guard, depth + 1));
                guard.Exit(list);
                return array;
            default:
                throw new AdsumoInputException(ErrorReason.InvalidBody, parameter, $"-{parameter} holds a {value.GetType().Name}, which the module cannot send as JSON: use hashtables, arrays, strings, numbers and booleans.");
        }
    }

    /// <summary>A JSON element as plain values: objects become ordered dictionaries, arrays lists.</summary>
    public static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => ToList(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.TryGetDecimal(out var d) ? d : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static List<KeyValuePair<string, object?>> ToDictionary(JsonElement element)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        foreach (var property in element.EnumerateObject()) pairs.Add(new KeyValuePair<string, object?>(property.Name, FromElement(property.Value)));
        return pairs;
    }

    private static List<object?> ToList(JsonElement element)
    {
        var items = new List<object?>();
        foreach (var item in element.EnumerateArray()) items.Add(FromElement(item));
        return items;
    }
}
