using System.IO;
using Adsumo.Emulator.Hosting;

namespace Adsumo.Emulator.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_match_the_documentation()
    {
        var options = EmulatorCommandLine.Parse([])!;

        Assert.Equal("http://127.0.0.1:5080", options.Urls);
        Assert.Null(options.PortFile);
        Assert.Equal(600, options.Settings.Credits);
        Assert.Equal(3, options.Settings.GenerationSeconds);
        Assert.Equal(3600, options.Settings.UrlTtlSeconds);
        Assert.Equal(32768, options.Settings.ResultBytes);
        Assert.Equal(0, options.Settings.RateLimit);
        Assert.Null(options.Settings.WebhookUrl);
    }

    [Fact]
    public void Every_option_is_read_in_both_spellings()
    {
        var options = EmulatorCommandLine.Parse([
            "--urls", "http://localhost:5080", "--credits=50", "--generation-seconds", "0.25", "--url-ttl-seconds", "5",
            "--result-bytes", "1024", "--rate-limit", "9", "--webhook-url", "http://127.0.0.1:9/hook",
            "--webhook-secret", "s3cret",
        ])!;

        Assert.Equal("http://localhost:5080", options.Urls);
        Assert.Equal(50, options.Settings.Credits);
        Assert.Equal(0.25, options.Settings.GenerationSeconds);
        Assert.Equal(5, options.Settings.UrlTtlSeconds);
        Assert.Equal(1024, options.Settings.ResultBytes);
        Assert.Equal(9, options.Settings.RateLimit);
        Assert.Equal("http://127.0.0.1:9/hook", options.Settings.WebhookUrl);
        Assert.Equal("s3cret", options.Settings.WebhookSecret);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://LOCALHOST:5080")]
    [InlineData("http://[::1]:0")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public void Loopback_urls_are_accepted(string urls) =>
        Assert.Equal(urls, EmulatorCommandLine.Parse(["--urls", urls])!.Urls);

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("2.5")]
    public void Generation_seconds_take_zero_fractions_and_minus_one(string value) =>
        Assert.NotNull(EmulatorCommandLine.Parse(["--generation-seconds", value]));

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5080", "loopback")]
    [InlineData("--urls", "http://192.168.1.10:5080", "loopback")]
    [InlineData("--urls", "http://example.com:5080", "loopback")]
    [InlineData("--urls", "http://*:5080", "http or https URL")]
    [InlineData("--urls", "https://127.0.0.1:5001", "--https-cert")]
    [InlineData("--urls", "ftp://127.0.0.1:5001", "http or https URL")]
    [InlineData("--urls", "http://localhost:0", "127.0.0.1:0")]
    [InlineData("--credits", "abc", "--credits")]
    [InlineData("--credits", "-1", "--credits")]
    [InlineData("--generation-seconds", "-2", "--generation-seconds")]
    [InlineData("--generation-seconds", "soon", "--generation-seconds")]
    [InlineData("--url-ttl-seconds", "0", "--url-ttl-seconds")]
    [InlineData("--result-bytes", "10", "--result-bytes")]
    [InlineData("--rate-limit", "-5", "--rate-limit")]
    [InlineData("--webhook-url", "ftp://127.0.0.1/x", "--webhook-url")]
    [InlineData("--webhook-url", "http://127.0.0.1:9/hook", "--webhook-secret")]
    [InlineData("--webhook-secret", "s3cret", "--webhook-url")]
    [InlineData("--bogus", "1", "--bogus")]
    [InlineData("positional", "x", "positional")]
    public void Bad_values_are_refused_with_a_message_naming_them(string name, string value, string expected)
    {
        var error = Assert.Throws<EmulatorOptionsException>(() => EmulatorCommandLine.Parse([name, value]));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_option_without_its_value_is_refused() =>
        Assert.Throws<EmulatorOptionsException>(() => EmulatorCommandLine.Parse(["--credits"]));

    [Fact]
    public void A_port_file_in_a_missing_folder_is_refused() =>
        Assert.Throws<EmulatorOptionsException>(() =>
            EmulatorCommandLine.Parse(["--port-file", Path.Combine(Path.GetTempPath(), "no-such-folder-4711", "port")]));

    [Fact]
    public void Help_asks_for_the_usage_text() => Assert.Null(EmulatorCommandLine.Parse(["--help"]));
}
