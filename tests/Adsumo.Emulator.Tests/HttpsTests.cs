using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

/// <summary>
/// https:// on loopback with a certificate made for the test: served, with result URLs on https too, and refused
/// cleanly when the certificate is missing, unreadable or not asked for.
/// </summary>
public sealed class HttpsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "adsumo-https-" + Guid.NewGuid().ToString("N"));
    private readonly X509Certificate2 _certificate;
    private readonly string _pfx;

    public HttpsTests()
    {
        Directory.CreateDirectory(_folder);
        _certificate = LoopbackCertificate();
        _pfx = Path.Combine(_folder, "server.pfx");
        File.WriteAllBytes(_pfx, _certificate.Export(X509ContentType.Pfx, "test-password"));
    }

    public void Dispose()
    {
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Serves_the_api_and_result_files_over_https_with_the_given_certificate()
    {
        var options = EmulatorCommandLine.Parse(["--urls", "https://127.0.0.1:0", "--https-cert", _pfx, "--https-cert-password", "test-password", "--generation-seconds", "0"])!;
        var app = EmulatorApp.Build(options with { Announce = false });
        await app.StartAsync();
        try
        {
            var root = app.Urls.First().TrimEnd('/');
            Assert.StartsWith("https://127.0.0.1:", root);
            X509Certificate2? served = null;
            using var http = new HttpClient(new SocketsHttpHandler
            {
                UseProxy = false,
                // Trusts exactly this test's certificate, and records what the server presented.
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        served = certificate is null ? null : new X509Certificate2(certificate);
                        return served?.Thumbprint == _certificate.Thumbprint;
                    },
                },
            });
            var key = EmulatorServer.NewKey();

            using var submit = new HttpRequestMessage(HttpMethod.Post, root + "/api/v1/images/text-to-image")
            {
                Content = new StringContent("""{"prompt":"a bottle","model":"fast","aspect_ratio":"1:1"}""", Encoding.UTF8, "application/json"),
            };
            submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var submitted = await http.SendAsync(submit);
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("generation_id").GetString();

            using var read = new HttpRequestMessage(HttpMethod.Get, $"{root}/api/v1/generations/{id}");
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var generation = await http.SendAsync(read);
            var resultUrl = JsonDocument.Parse(await generation.Content.ReadAsStringAsync()).RootElement.GetProperty("result_url").GetString()!;
            Assert.StartsWith(root + "/_files/", resultUrl);

            var file = await http.GetByteArrayAsync(resultUrl);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, file.Take(4).ToArray());
            Assert.Equal(_certificate.Thumbprint, served?.Thumbprint);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void The_password_may_come_from_the_environment()
    {
        Environment.SetEnvironmentVariable(EmulatorCommandLine.CertificatePasswordVariable, "test-password");
        try
        {
            var options = EmulatorCommandLine.Parse(["--urls", "https://127.0.0.1:0", "--https-cert", _pfx])!;
            Assert.Equal(_certificate.Thumbprint, options.HttpsCertificate!.Thumbprint);
        }
        finally
        {
            Environment.SetEnvironmentVariable(EmulatorCommandLine.CertificatePasswordVariable, null);
        }
    }

    [Fact]
    public void Https_without_a_certificate_is_refused() =>
        Assert.Contains("--https-cert", Assert.Throws<EmulatorOptionsException>(() => EmulatorCommandLine.Parse(["--urls", "https://127.0.0.1:0"])).Message);

    [Fact]
    public void A_certificate_without_an_https_url_is_refused() =>
        Assert.Contains("no --urls is https", Assert.Throws<EmulatorOptionsException>(() =>
            EmulatorCommandLine.Parse(["--https-cert", _pfx, "--https-cert-password", "test-password"])).Message);

    [Fact]
    public void Https_stays_on_loopback() =>
        Assert.Contains("loopback", Assert.Throws<EmulatorOptionsException>(() =>
            EmulatorCommandLine.Parse(["--urls", "https://0.0.0.0:5001", "--https-cert", _pfx, "--https-cert-password", "test-password"])).Message);

    [Fact]
    public void A_missing_certificate_file_is_refused() =>
        Assert.Contains("does not exist", Assert.Throws<EmulatorOptionsException>(() =>
            EmulatorCommandLine.Parse(["--urls", "https://127.0.0.1:0", "--https-cert", Path.Combine(_folder, "none.pfx")])).Message);

    [Fact]
    public void A_wrong_password_is_refused() =>
        Assert.Contains("PKCS#12", Assert.Throws<EmulatorOptionsException>(() =>
            EmulatorCommandLine.Parse(["--urls", "https://127.0.0.1:0", "--https-cert", _pfx, "--https-cert-password", "wrong"])).Message);

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        var publicOnly = Path.Combine(_folder, "public.pfx");
        using (var withoutKey = X509CertificateLoader.LoadCertificate(_certificate.RawData))
        {
            File.WriteAllBytes(publicOnly, withoutKey.Export(X509ContentType.Pfx, "p"));
        }
        Assert.Contains("private key", Assert.Throws<EmulatorOptionsException>(() =>
            EmulatorCommandLine.Parse(["--urls", "https://127.0.0.1:0", "--https-cert", publicOnly, "--https-cert-password", "p"])).Message);
    }

    private static X509Certificate2 LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
    }
}
