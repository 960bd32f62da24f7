using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Limits;

/// <summary>Answers are held in memory, so their size is bounded (32 MB) and a body that stalls or breaks is a failure.</summary>
public sealed class ResponseLimitTests
{
    private const long OverLimit = 33L * 1024 * 1024;

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_without_reading_the_body()
    {
        // The server announces 33 MB and then stalls: only a client that refuses on the header alone finishes quickly.
        await using var server = await ScenarioServer.StartAsync(async e =>
        {
            e.Context.Response.ContentLength = OverLimit;
            e.Context.Response.ContentType = "application/json";
            await e.Context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("{\"data\":\""));
            await e.Context.Response.Body.FlushAsync();
            await e.Delay(TimeSpan.FromSeconds(20));
        });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("larger than 32 MB", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_cut_off_while_it_streams()
    {
        // 128 MB offered without a length. The client must stop reading past 32 MB and drop the connection; Kestrel
        // then discards further writes, so the sign of it is the connection being aborted from the client's side.
        var droppedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScenarioServer.StartAsync(async e =>
        {
            e.Context.Response.ContentType = "application/json";
            var chunk = new byte[256 * 1024];
            Array.Fill(chunk, (byte)' ');
            try
            {
                for (long sent = 0; sent < 128L * 1024 * 1024; sent += chunk.Length)
                {
                    await e.Context.Response.Body.WriteAsync(chunk, e.Context.RequestAborted);
                }
                await Task.Delay(TimeSpan.FromSeconds(2), e.Context.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or InvalidOperationException)
            {
            }
            droppedByClient.TrySetResult(e.Context.RequestAborted.IsCancellationRequested);
        });

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("larger than 32 MB", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.True(await droppedByClient.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the client kept the connection open");
    }

    [Fact]
    public async Task A_large_answer_within_the_limit_is_read()
    {
        var text = new string('x', 5 * 1024 * 1024);
        await using var server = await ScenarioServer.StartAsync(e => e.Json(200, "{\"blob\":\"" + text + "\"}"));

        var response = await TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call());

        Assert.Equal(text.Length + 11, response.Body.Length);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_a_network_error()
    {
        await using var server = await ScenarioServer.StartAsync(async e =>
        {
            e.Context.Response.ContentLength = 5000;
            await e.Context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("{\"credits_used\":1,"));
            await e.Context.Response.Body.FlushAsync();
            e.Abort();
        });

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.NetworkError, error.Kind);
        Assert.Contains("reset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_trickles_past_the_request_timeout_times_out()
    {
        // Headers arrive at once; the body would take 10 s at one byte every 100 ms.
        var body = Encoding.ASCII.GetBytes("{\"credits_used\":1,\"credits_limit\":2,\"padding\":\"" + new string('p', 60) + "\"}");
        await using var server = await ScenarioServer.StartAsync(e => e.Trickle(200, body, 1, TimeSpan.FromMilliseconds(100)));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, TestClients.Settings(maxRetries: 0, requestTimeoutSeconds: 0.5)).GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.Timeout, error.Kind);
        Assert.Contains("no complete answer within 0.5 s", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_trickling_body_is_retried_for_a_read()
    {
        var body = Encoding.ASCII.GetBytes("{\"credits_used\":1,\"credits_limit\":2}");
        await using var server = await ScenarioServer.StartAsync(e => e.Index == 0
            ? e.Trickle(200, body, 1, TimeSpan.FromMilliseconds(100))
            : e.Send(200, "application/json", Encoding.ASCII.GetString(body)));

        // 1.5 s cuts the first body (3.7 s) yet leaves the retry ample time on a busy machine.
        var credits = await TestClients.For(server, TestClients.Settings(requestTimeoutSeconds: 1.5)).GetCreditsAsync(TestClients.Call());

        Assert.Equal(1, credits.Remaining);
        Assert.Equal(2, server.Requests.Count);
    }
}
