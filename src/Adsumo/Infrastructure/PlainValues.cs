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
    /// The plain form of the value of <paramref name="parameter"/>. A value nested too deep, too large, or holding
    /// itself ($h.self = $h) is refused (Adsumo.InvalidBody, or <paramref name="reason"/>) before it is walked any further: it would otherwise
    /// overflow the stack, which ends the process, -WhatIf or not.
    /// </summary>
    public static object? From(object? value, string parameter, string reason = ErrorReason.InvalidBody) => From(value, new NestingGuard(parameter, reason), 0);

    private static object? From(object? value, NestingGuard guard, int depth)
    {
        guard.Count();
        switch (value)
        {
            case null:
                return null;
            case PSObject { BaseObject: PSCustomObject } custom:
                guard.Enter(custom, depth);
                var fromCustom = new OrderedDictionary();
                foreach (var property in custom.Properties) fromCustom[property.Name] = From(property.Value, guard, depth + 1);
                guard.Exit(custom);
                return fromCustom;
            case PSObject wrapped:
                return From(wrapped.BaseObject, guard, depth);
            case string:
                return value;
            case IDictionary dictionary:
                guard.Enter(dictionary, depth);
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in dictionary) copy[entry.Key] = From(entry.Value, guard, depth + 1);
                guard.Exit(dictionary);
                return copy;
            case IEnumerable list:
                guard.Enter(list, depth);
                var items = new List<object?>();
                foreach (var item in list) items.Add(From(item, guard, depth + 1));
                guard.Exit(list);
                return items;
            default:
                return value;
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
