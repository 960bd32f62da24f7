using System;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Errors;

/// <summary>
/// Error text comes from the network and ends up on a terminal: escape sequences could recolour or clear it, and
/// a megabyte of text would bury the message. What is shown must have no control characters and a bounded length.
/// </summary>
public sealed class HostileTextTests
{
    private const string Escapes = "\\u001b[2J\\u001b]0;owned\\u0007\\r\\nInjected line\\u0000";

    private static void AssertShowable(string text, int maxLength)
    {
        Assert.DoesNotContain(text, char.IsControl);
        Assert.True(text.Length <= maxLength, $"the message has {text.Length} characters");
    }

    private static async Task<(AdsumoException Error, RecordingLog Log)> FailWith(int status, string? contentType, string body, params (string, string)[] headers)
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Send(status, contentType, body, headers));
        var log = new RecordingLog();
        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetCreditsAsync(log.Call()));
        return (error, log);
    }

    [Fact]
    public async Task Escape_sequences_and_newlines_in_the_json_message_are_removed()
    {
        var (error, _) = await FailWith(400, "application/json", Payloads.Error("bad" + Escapes, "Broken" + Escapes + " end", "field" + Escapes));

        AssertShowable(error.Message, 1000);
        Assert.Contains("Broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Injected line", error.Message, StringComparison.Ordinal);
        AssertShowable(error.ErrorCode!, 81);
        AssertShowable(error.Param!, 81);
    }

    [Fact]
    public async Task Ten_kilobytes_of_message_are_cut_short()
    {
        var (error, _) = await FailWith(500, "application/json", Payloads.Error("internal_error", new string('A', 10 * 1024)));

        AssertShowable(error.Message, 1000);
        Assert.Contains("…", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_html_page_is_cut_short()
    {
        var page = "<html><head><title>" + new string('T', 10 * 1024) + "\u001b[31m</title></head><body>" + new string('B', 60 * 1024) + "</body></html>";

        var (error, _) = await FailWith(502, "text/html", page);

        AssertShowable(error.Message, 1000);
    }

    [Fact]
    public async Task Ten_kilobytes_of_plain_text_are_cut_short()
    {
        var (error, _) = await FailWith(500, "text/plain", string.Concat(Enumerable.Repeat("line of text\u001b[0m\n", 800)));

        AssertShowable(error.Message, 1000);
    }

    [Fact]
    public async Task A_huge_request_id_from_the_server_is_bounded()
    {
        var (error, log) = await FailWith(500, "application/json", Payloads.Error("internal_error", "Boom"), ("X-Request-Id", new string('r', 10 * 1024)));

        AssertShowable(error.Message, 1000);
        AssertShowable(error.RequestId!, 200);
        Assert.All(log.VerboseLines, l => AssertShowable(l, 1000));
    }

    [Fact]
    public async Task Control_characters_in_the_status_line_and_request_id_never_reach_the_log_or_the_error()
    {
        await using var server = new RawHttpServer(
            "HTTP/1.1 500 Oops\u001b[2J\u001b]0;owned\u0007\r\n" +
            "X-Request-Id: req\u001b[31mred\r\n" +
            "Content-Length: 0\r\nConnection: close\r\n\r\n");
        var log = new RecordingLog();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server.BaseUri, TestClients.Settings(maxRetries: 0)).GetCreditsAsync(log.Call()));

        AssertShowable(error.Message, 1000);
        AssertShowable(error.RequestId!, 200);
        Assert.NotEmpty(log.VerboseLines);
        Assert.All(log.VerboseLines, l => AssertShowable(l, 1000));
    }

    [Fact]
    public async Task Control_characters_in_the_reason_phrase_of_an_empty_answer_are_removed_from_the_error()
    {
        await using var server = new RawHttpServer("HTTP/1.1 599 Weird\u001b[2Jthing\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server.BaseUri, TestClients.Settings(maxRetries: 0)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.ServerError, error.Kind);
        AssertShowable(error.Message, 1000);
        Assert.Contains("Weird", error.Message, StringComparison.Ordinal);
    }
}
