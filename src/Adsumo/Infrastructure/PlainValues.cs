using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;

namespace Adsumo.Infrastructure;

/// <summary>
/// Converts between PowerShell's wrapped values and the plain .NET values the HTTP core takes and gives:
/// PSObjects are unwrapped (a PSCustomObject becomes a dictionary), and answers come back as PSCustomObjects.
/// </summary>
internal static class PlainValues
{
    public static object? From(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case PSObject { BaseObject: PSCustomObject } custom:
                var fromCustom = new OrderedDictionary();
                foreach (var property in custom.Properties) fromCustom[property.Name] = From(property.Value);
                return fromCustom;
            case PSObject wrapped:
                return From(wrapped.BaseObject);
            case string:
                return value;
            case IDictionary dictionary:
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in dictionary) copy[entry.Key] = From(entry.Value);
                return copy;
            case IEnumerable list:
                var items = new List<object?>();
                foreach (var item in list) items.Add(From(item));
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
