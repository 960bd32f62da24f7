using System;
using System.Globalization;
using System.Threading.Tasks;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>--clock-offset-seconds: the emulator's timestamps and Date headers run that far from this machine's clock.</summary>
public sealed class ClockOffsetTests
{
    [Theory]
    [InlineData(-7200)]
    [InlineData(3600)]
    public async Task Timestamps_and_the_Date_header_follow_the_offset(int offset)
    {
        await using var server = await EmulatorServer.StartAsync("--clock-offset-seconds", offset.ToString(CultureInfo.InvariantCulture));
        var key = EmulatorServer.NewKey();
        var expected = DateTimeOffset.UtcNow.AddSeconds(offset);

        var id = await server.SubmitImageAsync(key);
        var read = await server.GetGenerationAsync(key, id);

        var created = DateTimeOffset.Parse(read.Json.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
        var date = DateTimeOffset.Parse(read.Header("Date")!, CultureInfo.InvariantCulture);
        Assert.InRange((created - expected).TotalSeconds, -5, 5);
        Assert.InRange((date - expected).TotalSeconds, -5, 5);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("400000000")]
    [InlineData("-400000000")]
    public void A_bad_offset_is_refused(string value)
    {
        var error = Assert.Throws<EmulatorOptionsException>(() => EmulatorCommandLine.Parse(["--clock-offset-seconds", value]));
        Assert.Contains("--clock-offset-seconds", error.Message, StringComparison.Ordinal);
    }
}
