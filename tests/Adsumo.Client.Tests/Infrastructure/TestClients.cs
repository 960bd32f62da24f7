using System;
using System.Security;
using System.Threading;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>Sessions with short delays, so that retry tests take milliseconds rather than the defaults' seconds.</summary>
public static class TestClients
{
    /// <summary>A well-formed key; the tests assert that exactly this travels in the Authorization header.</summary>
    public const string KeyText = "adsumo_sk_test_0123456789abcdefc3d4";

    public static SecureString Secure(string text) => Secrets.Protect(text);

    public static ApiKey Key() => ApiKey.From(Secure(KeyText), "ApiKey");

    public static ConnectionSettings Settings(int maxRetries = 3, double requestTimeoutSeconds = 10, double retryTimeoutSeconds = 30, double baseDelayMs = 10) => new()
    {
        MaxRetries = maxRetries,
        RequestTimeout = TimeSpan.FromSeconds(requestTimeoutSeconds),
        RetryTimeout = TimeSpan.FromSeconds(retryTimeoutSeconds),
        RetryBaseDelay = TimeSpan.FromMilliseconds(baseDelayMs),
    };

    public static AdsumoClient For(ScenarioServer server, ConnectionSettings? settings = null) => For(server.BaseUri, settings);

    public static AdsumoClient For(Uri baseUri, ConnectionSettings? settings = null) => new(baseUri, Key(), settings ?? Settings());

    /// <summary>A silent call that gives up after a while, so that a hanging bug fails a test instead of the run.</summary>
    public static CallContext Call(TimeSpan? limit = null) => CallContext.Silent(new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30)).Token);
}
