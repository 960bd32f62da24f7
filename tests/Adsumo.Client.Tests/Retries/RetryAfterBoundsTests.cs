using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using Adsumo.Client.Http;

namespace Adsumo.Client.Tests.Retries;

/// <summary>Retry-After comes from the service: whatever it says, the wait read from it is a sane TimeSpan.</summary>
public sealed class RetryAfterBoundsTests
{
    private static TimeSpan? Read(string value)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", value);
        return RetryPolicy.ReadRetryAfter(response, DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("99999999999999999999")]
    [InlineData("2147483647")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public void An_absurd_wait_is_capped_rather_than_overflowing(string value) =>
        Assert.Equal(RetryPolicy.MaxRetryAfter, Read(value));

    [Theory]
    [InlineData("NaN")]
    [InlineData("-5")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("soon")]
    public void An_unreadable_or_negative_wait_is_no_wait_at_all(string value) => Assert.Null(Read(value));

    [Fact]
    public void A_date_in_the_past_is_no_wait()
    {
        Assert.Equal(TimeSpan.Zero, Read(DateTimeOffset.UtcNow.AddDays(-1).ToString("r", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_plain_wait_is_read_as_it_is() => Assert.Equal(TimeSpan.FromSeconds(1.5), Read("1.5"));
}
