using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>
/// A TLS server on loopback whose self-signed certificate nothing trusts, so that every handshake fails on the
/// client's side. It counts the handshakes it was asked for: one per attempt the client made.
/// </summary>
public sealed class UntrustedTlsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2 _certificate = SelfSigned();
    private readonly Task _loop;
    private int _handshakes;

    public UntrustedTlsServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Root => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public Uri BaseUri => new(Root, "/api/v1");

    public int Handshakes => Volatile.Read(ref _handshakes);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => HandshakeAsync(client));
        }
    }

    private async Task HandshakeAsync(TcpClient client)
    {
        using (client)
        using (var tls = new SslStream(client.GetStream()))
        {
            Interlocked.Increment(ref _handshakes);
            try
            {
                await tls.AuthenticateAsServerAsync(_certificate);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // The client refused the certificate: that is the point.
            }
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        // Through PKCS#12, so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
        _certificate.Dispose();
        _stop.Dispose();
    }
}
