using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.Hosting;

/// <summary>
/// Where this emulator is reachable. Answers build their URLs from the request's own host (so they work however the
/// client reached us); webhooks, which have no request, use the address Kestrel reported at start-up.
/// </summary>
internal sealed class ServerAddress
{
    private volatile string _root = "http://127.0.0.1";

    public string Root => _root;

    public void Set(string root) => _root = root.TrimEnd('/');

    public static string RootOf(HttpRequest request) => string.Concat(request.Scheme, "://", request.Host.Value);
}
