namespace Adsumo.Client.Tests.Errors;

public sealed class SafeLineTests
{
    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", "550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("two  spaces", "two spaces")]
    [InlineData(" leading", "leading")]
    [InlineData("trailing\t", "trailing")]
    [InlineData("esc\u001b[2Jape", "esc [2Jape")]
    [InlineData("del\u007fete", "del ete")]
    [InlineData("right\u202eleft", "rightleft")]
    [InlineData("caf\u00e9", "caf\u00e9")]
    public void A_line_is_made_safe_whether_or_not_it_is_plain_ascii(string text, string expected) =>
        Assert.Equal(expected, SafeText.Line(text));

    [Fact]
    public void A_plain_line_at_the_bound_is_cut_like_any_other()
    {
        Assert.Equal("abcd…", SafeText.Line("abcdef", 4));
        Assert.Equal("abcd…", SafeText.Line("abcd", 4));
        Assert.Equal("abc", SafeText.Line("abc", 4));
    }
}
