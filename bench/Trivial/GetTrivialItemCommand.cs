using System.Management.Automation;

namespace Trivial;

/// <summary>One object, shown through one format view.</summary>
[Cmdlet(VerbsCommon.Get, "TrivialItem")]
[OutputType(typeof(TrivialItem))]
public sealed class GetTrivialItemCommand : PSCmdlet
{
    protected override void EndProcessing() => WriteObject(new TrivialItem { Name = "one", Size = 1 });
}

/// <summary>The object the cmdlet writes.</summary>
public sealed class TrivialItem
{
    public string Name { get; set; } = "";

    public int Size { get; set; }
}
