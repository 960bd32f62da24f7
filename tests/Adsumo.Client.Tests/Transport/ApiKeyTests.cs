using System;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Transport;

/// <summary>Keys are checked before use, and never shown: not in errors, not in ToString, only as a masked hint.</summary>
public sealed class ApiKeyTests
{
    private static AdsumoInputException Refused(string key) => Assert.Throws<AdsumoInputException>(() => ApiKey.From(TestClients.Secure(key), "ApiKey"));

    [Theory]
    [InlineData("sk_live_SECRETPART1234")]
    [InlineData("ADSUMO_SK_SECRETPART1234")]
    [InlineData("Bearer adsumo_sk_SECRETPART1234")]
    [InlineData("adsumo_sk_SECRET PART1234")]
    [InlineData("adsumo_sk_SECRETPART1234 ")]
    [InlineData("adsumo_sk_SECRET\tPART1234")]
    [InlineData("adsumo_sk_SECRET\u001bPART1234")]
    [InlineData("adsumo_sk_SECRETPART1234\n")]
    [InlineData("adsumo_sk_SECRETPÄRT1234")]
    public void A_malformed_key_is_refused_without_being_quoted(string key)
    {
        var error = Refused(key);

        Assert.Equal("InvalidApiKey", error.Reason);
        Assert.Equal("ApiKey", error.ParamName);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("PART1234", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_key_and_a_bare_prefix_are_refused()
    {
        Assert.Equal("InvalidApiKey", Refused("").Reason);
        Assert.Equal("InvalidApiKey", Refused("adsumo_sk_").Reason);
    }

    [Fact]
    public void An_absurdly_long_key_is_refused()
    {
        Assert.Equal("InvalidApiKey", Refused("adsumo_sk_" + new string('a', 300)).Reason);
    }

    [Fact]
    public void The_hint_shows_the_prefix_and_the_last_four_only()
    {
        var key = ApiKey.From(TestClients.Secure("adsumo_sk_live_9f8e7d6c5b4aSECRETc3d4"), "ApiKey");

        Assert.Equal("adsumo_sk_****c3d4", key.Hint);
        Assert.Equal(key.Hint, key.ToString());
        Assert.DoesNotContain("SECRET", key.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_is_kept_in_a_copy_the_caller_cannot_change()
    {
        var secure = new System.Security.SecureString();
        foreach (var ch in TestClients.KeyText) secure.AppendChar(ch);
        var key = ApiKey.From(secure, "ApiKey");

        secure.AppendChar('!');
        secure.Dispose();

        Assert.Equal(TestClients.KeyText, key.Reveal());
    }
}
