using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Limits;

/// <summary>The API client accepts gzip, so the size limit must apply to what the answer expands to.</summary>
public sealed class CompressedAnswerTests
{
    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(data);
        return output.ToArray();
    }

    private static Func<Exchange, Task> ServingGzip(byte[] compressed) => async e =>
    {
        e.Context.Response.ContentType = "application/json";
        e.Context.Response.Headers.ContentEncoding = "gzip";
        e.Context.Response.ContentLength = compressed.Length;
        await e.Context.Response.Body.WriteAsync(compressed);
    };

    [Fact]
    public async Task A_gzip_answer_is_decompressed_and_read()
    {
        await using var server = await ScenarioServer.StartAsync(ServingGzip(Gzip(Encoding.UTF8.GetBytes("""{"credits_used":5,"credits_limit":50}"""))));

        var credits = await TestClients.For(server).GetCreditsAsync(TestClients.Call());

        Assert.Equal(45, credits.Remaining);
        Assert.Contains("gzip", Assert.Single(server.Requests).Header("Accept-Encoding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_gzip_answer_that_expands_past_the_limit_is_refused()
    {
        var expanded = new byte[40 * 1024 * 1024];
        Array.Fill(expanded, (byte)' ');
        expanded[0] = (byte)'[';
        expanded[^1] = (byte)']';
        var bomb = Gzip(expanded);
        Assert.True(bomb.Length < 1024 * 1024, $"the compressed answer has {bomb.Length} bytes");
        await using var server = await ScenarioServer.StartAsync(ServingGzip(bomb));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server).InvokeAsync("GET", "products", null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("larger than 32 MB", error.Message, StringComparison.Ordinal);
    }
}
