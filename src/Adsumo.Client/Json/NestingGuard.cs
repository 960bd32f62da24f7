using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Adsumo.Client;

/// <summary>
/// Bounds a walk over a value a user gave (a -Body, -VoiceSettings or -Query hashtable), for the module's copy of it
/// and the core's JSON alike: at most <see cref="MaxDepth"/> levels, at most <see cref="MaxValues"/> values, and no
/// container inside itself. Walked without these bounds, a hashtable that holds itself overflows the stack and an
/// endless sequence fills the memory: either ends the whole process, not just the command.
/// </summary>
public sealed class NestingGuard
{
    /// <summary>The deepest nesting of a value sent as JSON: as deep as the JSON the core writes and reads.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most values (of any kind, at any depth) in one value sent as JSON.</summary>
    public const int MaxValues = 100_000;

    private readonly string _parameter;
    private readonly HashSet<object> _open = new(ByReference.Instance);
    private int _values;

    /// <summary>A guard for one walk over the value of <paramref name="parameter"/>.</summary>
    public NestingGuard(string parameter) => _parameter = parameter;

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
        if (depth >= MaxDepth) throw Refused($"-{_parameter} is nested more than {MaxDepth} levels deep.");
        if (!_open.Add(container)) throw Refused($"-{_parameter} contains itself (a {container.GetType().Name} inside itself), so it cannot be sent as JSON.");
    }

    /// <summary>Leaves a container entered with <see cref="Enter"/>.</summary>
    public void Exit(object container) => _open.Remove(container);

    private AdsumoInputException Refused(string message) => new(ErrorReason.InvalidBody, _parameter, message);

    /// <summary>Identity, not equality: a hashtable is "the same" only when it is the very same object.</summary>
    private sealed class ByReference : IEqualityComparer<object>
    {
        public static readonly ByReference Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
