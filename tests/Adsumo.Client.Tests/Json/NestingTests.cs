using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Adsumo.Client.Tests.Json;

/// <summary>
/// A -Body or -VoiceSettings that holds itself, nests too deep or holds too much is refused by the core too, never
/// walked to a stack overflow or an exhausted memory.
/// </summary>
public sealed class NestingTests
{
    private static string ReasonOf(object value) => Assert.Throws<AdsumoInputException>(() => JsonValues.ToNode(value, "Body")).Reason;

    [Fact]
    public void A_hashtable_that_holds_itself_is_refused_as_such()
    {
        var cyclic = new Hashtable { ["a"] = 1 };
        cyclic["self"] = cyclic;

        var error = Assert.Throws<AdsumoInputException>(() => JsonValues.ToNode(cyclic, "VoiceSettings"));

        Assert.Equal(ErrorReason.InvalidBody, error.Reason);
        Assert.Equal("VoiceSettings", error.ParamName);
        Assert.Contains("contains itself", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_through_a_list_is_refused()
    {
        var list = new List<object?>();
        list.Add(new Hashtable { ["back"] = list });

        Assert.Equal(ErrorReason.InvalidBody, ReasonOf(list));
    }

    [Fact]
    public void The_same_value_twice_side_by_side_is_not_a_cycle()
    {
        var shared = new Hashtable { ["x"] = 1 };

        var json = JsonValues.ToNode(new Hashtable { ["a"] = shared, ["b"] = new[] { shared, shared } }, "Body")!.ToJsonString();

        Assert.Equal(3, json.Split("\"x\":1").Length - 1);
    }

    [Theory]
    [InlineData(NestingGuard.MaxDepth, true)]
    [InlineData(NestingGuard.MaxDepth + 1, false)]
    public void Nesting_is_taken_to_as_deep_as_the_json_the_core_writes(int levels, bool taken)
    {
        var root = new Hashtable();
        var level = root;
        for (var i = 1; i < levels; i++)
        {
            var inner = new Hashtable();
            level["inner"] = inner;
            level = inner;
        }

        if (taken) Assert.NotEmpty(JsonValues.ToNode(root, "Body")!.ToJsonString());
        else Assert.Equal(ErrorReason.InvalidBody, ReasonOf(root));
    }

    [Fact]
    public void More_values_than_any_request_takes_are_refused_without_walking_them_all()
    {
        Assert.Equal(ErrorReason.InvalidBody, ReasonOf(new Hashtable { ["items"] = Enumerable.Repeat<object?>(1, NestingGuard.MaxValues + 1).ToList() }));
        Assert.Equal(ErrorReason.InvalidBody, ReasonOf(new Hashtable { ["endless"] = Enumerable.Range(0, int.MaxValue) }));
    }
}
