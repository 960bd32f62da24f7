using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Adsumo.Client;

/// <summary>
/// Bounds a walk over a value a user gave (a -Body or -VoiceSettings hashtable): at most <see cref="MaxDepth"/>
/// levels, at most <see cref="MaxValues"/> values, and no container inside itself. A hashtable that holds itself
/// would otherwise be walked until the stack overflows, which ends the whole process and not just the command.
/// </summary>
public sealed class NestingGuard
{
    /// <summary>The deepest nesting of a value sent as JSON.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most values (of any kind, at any depth) in one value sent as JSON.</summary>
    public const int MaxValues = 100_000;

    private readonly string _parameter;
    private readonly string _reason;
    private readonly HashSet<object> _open = new(ByReference.Instance);
    private int _values;

    /// <summary>A guard for one walk over the value of <paramref name="parameter"/>, refusing with <paramref name="reason"/>.</summary>
    public NestingGuard(string parameter, string reason = ErrorReason.InvalidBody)
    {
        _parameter = parameter;
        _reason = reason;
    }

    /// <summary>Counts one value; refuses the walk past <see cref="MaxValues"/>.</summary>
    public void Count()
    {
        if (++_values > MaxValues)
            throw Refused($"-{_parameter} holds more than {MaxValues:N0} values, more than any request of the API takes.");
    }

    /// <summary>
    /// Enters a container at <paramref name="depth"/> (0 for the value itself); refuses one nested too deep or one
    /// already open above it (a cycle). Pair with <see cref="Exit"/>: a container met twice side by side is fine.
    /// </summary>
    public void Enter(object container, int depth)
    {
        if (depth > MaxDepth) throw Refused($"-{_parameter} is nested more than {MaxDepth} levels deep.");
        if (!_open.Add(container)) throw Refused($"-{_parameter} contains itself (a value that refers back to one that holds it), which JSON cannot carry.");
    }

    /// <summary>Leaves a container entered with <see cref="Enter"/>.</summary>
    public void Exit(object container) => _open.Remove(container);

    private AdsumoInputException Refused(string message) => new(_reason, _parameter, message);

    private sealed class ByReference : IEqualityComparer<object>
    {
        public static readonly ByReference Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
