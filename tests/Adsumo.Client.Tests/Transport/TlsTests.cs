using System;
using System.IO;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Transport;

/// <summary>
/// A server whose certificate is not trusted fails the same way on every attempt, and no request reaches it: the
/// core tries once and says it was TLS, for API calls and downloads alike, instead of retrying a lost cause.
/// </summary>
public sealed class TlsTests
{
    [Fact]
    public async Task An_untrusted_certificate_ends_an_api_call_after_one_attempt_naming_tls()
    {
        await using var server = new UntrustedTlsServer();
        var client = TestClients.For(server.BaseUri, TestClients.Settings(maxRetries: 4));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => client.GetCreditsAsync(TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.NetworkError, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("TLS handshake failed, so nothing was sent", error.Message);
        Assert.Contains("certificate", error.Message);
        Assert.Equal(1, server.Handshakes);
    }

    [Fact]
    public async Task A_creation_that_failed_its_handshake_is_not_said_to_be_perhaps_done()
    {
        await using var server = new UntrustedTlsServer();
        var client = TestClients.For(server.BaseUri, TestClients.Settings(maxRetries: 4));
        var draft = new ProductDraft { Name = "Bottle", Description = "Steel", Category = "Outdoor", ImageUrl = "https://example.com/b.png" };

        var error = await Assert.ThrowsAsync<AdsumoException>(() => client.CreateProductAsync(draft, TestClients.Call()));

        Assert.Equal(1, error.Attempts);
        Assert.Contains("nothing was sent", error.Message);
        Assert.DoesNotContain("may have acted", error.Message);
    }

    [Fact]
    public async Task An_untrusted_certificate_ends_a_download_after_one_attempt_and_leaves_no_file()
    {
        await using var server = new UntrustedTlsServer();
        using var folder = new TempFolder();
        var destination = Path.Combine(folder.Path, "result.png");
        var downloader = new ResultDownloader(TestClients.Settings(maxRetries: 4));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            downloader.DownloadAsync(new Uri(server.Root, "/_files/result.png"), destination, false, null, null, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.DownloadFailed, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("TLS handshake failed", error.Message);
        Assert.Equal(1, server.Handshakes);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
