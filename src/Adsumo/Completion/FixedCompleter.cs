using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Adsumo.Completion;

/// <summary>Completes from a fixed list of suggestions, which the parameter does not restrict to.</summary>
public abstract class FixedCompleter : IArgumentCompleter
{
    private protected abstract IReadOnlyList<string> Values { get; }

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return Values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
    }
}

/// <summary>Common aspect ratios.</summary>
public sealed class AspectRatioCompleter : FixedCompleter
{
    private protected override IReadOnlyList<string> Values { get; } = ["1:1", "16:9", "9:16", "4:5", "4:3", "3:4"];
}

/// <summary>Style template slugs seen in the Adsumo docs and emulator.</summary>
public sealed class StyleIdCompleter : FixedCompleter
{
    private protected override IReadOnlyList<string> Values { get; } = ["lifestyle-outdoor", "lifestyle-indoor", "studio-white", "flat-lay"];
}
