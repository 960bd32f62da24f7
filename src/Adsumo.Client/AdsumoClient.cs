using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

/// <summary>
/// The HTTP core of one connection: a base URI, a key and retry settings over the process's shared HTTP clients.
/// Every endpoint is one method (in the Endpoints folder); all of them go through <see cref="SendAsync"/>.
/// </summary>
public sealed partial class AdsumoClient
{
    private const int MaxRedirects = 5;
    private static readonly string UserAgent = BuildUserAgent();
    private readonly HttpClient _api;
    private readonly RateGate _gate = new();

    public AdsumoClient(Uri baseUri, ApiKey key, ConnectionSettings settings)
        : this(baseUri, key, settings, HttpClients.Create(HttpClients.Api))
    {
    }

    /// <summary>A client over another HTTP stack: the warm-up's, which answers from memory.</summary>
    internal AdsumoClient(Uri baseUri, ApiKey key, ConnectionSettings settings, HttpClient api)
    {
        _api = api;
        BaseUri = Endpoint.Normalize(baseUri, "BaseUri");
        Key = key;
        Settings = settings;
        Downloads = new ResultDownloader(settings);
        Submissions = SubmissionLedger.For(BaseUri, key);
    }

    /// <summary>The base URI, ending in a slash.</summary>
    public Uri BaseUri { get; }

    public ApiKey Key { get; }

    public ConnectionSettings Settings { get; }

    /// <summary>Fetches result files: never with the key.</summary>
    public ResultDownloader Downloads { get; }

    /// <summary>The service's clock, estimated from the Date headers of its answers.</summary>
    internal ServiceClock ServiceClock { get; } = new();

    /// <summary>What this process has submitted to this service for this team: claims, and sends in flight.</summary>
    internal SubmissionLedger Submissions { get; }

    /// <summary>
    /// Sends one logical request: signs it, lets the retry handler time it out and retry it, follows redirects only
    /// within the API's own origin, and turns an unsuccessful answer into an <see cref="AdsumoException"/>.
    /// </summary>
    public async Task<ApiResponse> SendAsync(ApiRequest request, CallContext call)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var uri = Resolve(request);
        for (var redirects = 0; ; redirects++)
        {
            var context = new RequestContext(requestId, request.Safety, Settings, call.Log, request.Body, _gate);
            using var message = new HttpRequestMessage(request.Method, uri);
            GuardTransport(uri);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key.Reveal());
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            message.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
            message.Content = context.NewContent();
            context.AttachTo(message);
            var described = RequestContext.Describe(message);

            using var response = await _api.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, call.Cancellation).ConfigureAwait(false);
            ServiceClock.Observe(response.Headers.Date, DateTimeOffset.UtcNow);
            var body = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != 304)
            {
                uri = FollowableRedirect(response, uri, described, redirects, context);
                if (status == 303) request = new ApiRequest(HttpMethod.Get, request.Path, RetrySafety.Idempotent);
                continue;
            }
            if (!response.IsSuccessStatusCode) throw ErrorMapper.FromResponse(response, body, described, context);
            return new ApiResponse(status, body, context.ServerRequestId ?? requestId, context.Attempts, response.Content?.Headers.ContentType?.MediaType);
        }
    }

    private Uri Resolve(ApiRequest request)
    {
        var path = request.Path.TrimStart('/');
        var builder = new StringBuilder(path);
        // A path may already carry a query of its own (products?limit=5): further parameters join it.
        var first = !path.Contains("?");
        foreach (var pair in request.Query.Where(q => q.Value is not null))
        {
            builder.Append(first ? '?' : '&').Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value!));
            first = false;
        }
        var uri = new Uri(BaseUri, builder.ToString());
        // A path such as ../../elsewhere must not leave the API with the key.
        if (!IsInsideApi(uri))
            throw new AdsumoInputException(ErrorReason.InvalidPath, "Path", $"The path '{SafeText.Line(request.Path, 100)}' leads outside the API's base URI.");
        return uri;
    }

    private Uri FollowableRedirect(HttpResponseMessage response, Uri current, string described, int redirects, RequestContext context)
    {
        var location = response.Headers.Location;
        if (location is null)
            throw new AdsumoException(AdsumoErrorKind.InvalidResponse, $"{described} answered {(int)response.StatusCode} without a Location to go to (request {context.ServerRequestId ?? context.RequestId}).") { StatusCode = (int)response.StatusCode };
        var target = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (!SameOrigin(target, BaseUri))
            throw new AdsumoException(AdsumoErrorKind.InvalidResponse, $"{described} was redirected to another host ({SafeText.Line(target.GetLeftPart(UriPartial.Authority), 100)}); the module does not follow it, so the key is never sent there (request {context.ServerRequestId ?? context.RequestId}).") { StatusCode = (int)response.StatusCode };
        if (redirects >= MaxRedirects)
            throw new AdsumoException(AdsumoErrorKind.InvalidResponse, $"{described} was redirected more than {MaxRedirects} times; giving up (request {context.ServerRequestId ?? context.RequestId}).") { StatusCode = (int)response.StatusCode };
        context.Log.Verbose($"{described} redirected to {target.PathAndQuery}");
        return target;
    }

    private static void GuardTransport(Uri uri)
    {
        // Belt and braces: the base URI was checked at connect time, but nothing may ever send the key in clear text.
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && Endpoint.IsLoopback(uri)))
            throw new AdsumoInputException(ErrorReason.InsecureBaseUri, "BaseUri", "Refusing to send the API key over plain http to another machine.");
    }

    /// <summary>Whether a URL lies under the base URI: the only place the key is sent.</summary>
    private bool IsInsideApi(Uri uri) => SameOrigin(uri, BaseUri) && uri.AbsolutePath.StartsWith(BaseUri.AbsolutePath, StringComparison.Ordinal);

    internal static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static string BuildUserAgent()
    {
        var version = typeof(AdsumoClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0";
        return $"Adsumo-PowerShell/{version} ({RuntimeInformation.OSDescription.Split(' ')[0]}; {RuntimeInformation.FrameworkDescription})";
    }
}
