using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using Adsumo.Client;

namespace Adsumo.Infrastructure;

/// <summary>
/// Converts between PowerShell's wrapped values and the plain .NET values the HTTP core takes and gives:
/// PSObjects are unwrapped (a PSCustomObject becomes a dictionary), and answers come back as PSCustomObjects.
/// </summary>
internal static class PlainValues
{
    /// <summary>
    /// The plain value of <paramref name="value"/>, for the parameter <paramref name="parameter"/>. A value that
    /// contains itself (a hashtable with itself as a value), is nested too deep or holds too many values (an endless
    /// sequence) is an Adsumo.InvalidBody error (<see cref="NestingGuard"/>): followed without a bound, it would
    /// overflow the stack or the memory and end the process.
    /// </summary>
    public static object? From(object? value, string parameter) => From(value, new NestingGuard(parameter), 0);

    private static object? From(object? value, NestingGuard guard, int depth)
    {
        guard.Count();
        switch (value)
        {
            case null:
                return null;
            case PSObject { BaseObject: PSCustomObject } custom:
                return Container(custom, guard, depth, () =>
                {
                    var fromCustom = new OrderedDictionary();
                    foreach (var property in custom.Properties) fromCustom[property.Name] = From(property.Value, guard, depth + 1);
                    return fromCustom;
                });
            case PSObject wrapped:
                return From(wrapped.BaseObject, guard, depth);
            case string:
                return value;
            case IDictionary dictionary:
                return Container(dictionary, guard, depth, () =>
                {
                    var copy = new OrderedDictionary();
                    foreach (DictionaryEntry entry in dictionary) copy[entry.Key] = From(entry.Value, guard, depth + 1);
                    return copy;
                });
            case IEnumerable list:
                return Container(list, guard, depth, () =>
                {
                    var items = new List<object?>();
                    foreach (var item in list) items.Add(From(item, guard, depth + 1));
                    return items;
                });
            default:
                return value;
        }
    }

    private static object Container(object container, NestingGuard guard, int depth, Func<object> copy)
    {
        guard.Enter(container, depth);
        try
        {
            return copy();
        }
        finally
        {
            guard.Exit(container);
        }
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
