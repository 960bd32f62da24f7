using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace Adsumo.Infrastructure;

/// <summary>
/// Converts between PowerShell's wrapped values and the plain .NET values the HTTP core takes and gives:
/// PSObjects are unwrapped (a PSCustomObject becomes a dictionary), and answers come back as PSCustomObjects.
/// </summary>
internal static class PlainValues
{
    /// <summary>The deepest nesting a value may have: as deep as the JSON the HTTP core will write.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The plain value of <paramref name="value"/>, for the parameter <paramref name="parameter"/>. A value that
    /// contains itself (a hashtable with itself as a value) or is nested deeper than <see cref="MaxDepth"/> is an
    /// Adsumo.InvalidBody error: followed without a bound, it would overflow the stack and end the process.
    /// </summary>
    public static object? From(object? value, string parameter) => From(value, parameter, 0, new HashSet<object>(ReferenceComparer.Instance));

    private static object? From(object? value, string parameter, int depth, HashSet<object> open)
    {
        switch (value)
        {
            case null:
                return null;
            case PSObject { BaseObject: PSCustomObject } custom:
                return Container(custom, parameter, depth, open, () =>
                {
                    var fromCustom = new OrderedDictionary();
                    foreach (var property in custom.Properties) fromCustom[property.Name] = From(property.Value, parameter, depth + 1, open);
                    return fromCustom;
                });
            case PSObject wrapped:
                return From(wrapped.BaseObject, parameter, depth, open);
            case string:
                return value;
            case IDictionary dictionary:
                return Container(dictionary, parameter, depth, open, () =>
                {
                    var copy = new OrderedDictionary();
                    foreach (DictionaryEntry entry in dictionary) copy[entry.Key] = From(entry.Value, parameter, depth + 1, open);
                    return copy;
                });
            case IEnumerable list:
                return Container(list, parameter, depth, open, () =>
                {
                    var items = new List<object?>();
                    foreach (var item in list) items.Add(From(item, parameter, depth + 1, open));
                    return items;
                });
            default:
                return value;
        }
    }

    private static object Container(object container, string parameter, int depth, HashSet<object> open, Func<object> copy)
    {
        if (depth >= MaxDepth)
            throw new AdsumoInputException(ErrorReason.InvalidBody, parameter, $"-{parameter} is nested more than {MaxDepth} levels deep.");
        if (!open.Add(container))
            throw new AdsumoInputException(ErrorReason.InvalidBody, parameter, $"-{parameter} contains itself (a {container.GetType().Name} inside itself), so it cannot be sent as JSON.");
        try
        {
            return copy();
        }
        finally
        {
            open.Remove(container);
        }
    }

    /// <summary>Identity, not equality: a hashtable is "the same" only when it is the very same object.</summary>
    private sealed class ReferenceComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary>An answer's plain values as PowerShell objects: objects become PSCustomObjects, lists arrays.</summary>
    public static object? ToPowerShell(object? value)
    {
        switch (value)
        {
            case List<KeyValuePair<string, object?>> pairs:
                var result = new PSObject();
                foreach (var pair in pairs) result.Properties.Add(new PSNoteProperty(pair.Key, ToPowerShell(pair.Value)));
                return result;
            case List<object?> list:
                var array = new object?[list.Count];
                for (var i = 0; i < list.Count; i++) array[i] = ToPowerShell(list[i]);
                return array;
            default:
                return value;
        }
    }
}
