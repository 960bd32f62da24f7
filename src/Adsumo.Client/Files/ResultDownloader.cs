using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

/// <summary>
/// Saves result files from their presigned URLs. The file client carries no key, whatever the host. The body is
/// streamed to a temporary file beside the destination and renamed over it only when complete and of the announced
/// length, so a failed or stopped download leaves the destination as it was. A refused or expired URL is replaced
/// by a fresh one from the caller; transient failures are retried under the connection's retry policy (the same
/// classification, backoff, Retry-After and bounds as API requests). A failure to write the local file is not
/// transient: it is reported at once, as <see cref="AdsumoErrorKind.WriteFailed"/>.
/// </summary>
public sealed class ResultDownloader
{
    private const int MaxUrlRefreshes = 2;
    private const int MaxRedirects = 5;
    private readonly HttpClient _files;
    private readonly ConnectionSettings _settings;

    public ResultDownloader(ConnectionSettings settings)
        : this(settings, HttpClients.Create(HttpClients.Files))
    {
    }

    /// <summary>For tests: a downloader over a client of their own, such as one whose transport does not enforce Content-Length.</summary>
    internal ResultDownloader(ConnectionSettings settings, HttpClient files)
    {
        _settings = settings;
        _files = files;
    }

    /// <summary>Checks before any download that the destination can be written.</summary>
    public static void CheckDestination(string path, bool overwrite)
    {
        if (Directory.Exists(path))
            throw new AdsumoInputException(ErrorReason.PathIsFolder, "Path", $"'{path}' is a folder; give a file name, or the folder as -Path for its default file names.");
        if (FileNames.IsTooLong(Path.GetFileName(path)))
            throw new AdsumoInputException(ErrorReason.InvalidFilePath, "Path", $"The file name '{Sanitize.Text(Path.GetFileName(path), 60)}' is longer than the {FileNames.MaxNameLength} a file name may have.");
        if (File.Exists(path) && !overwrite)
            throw new AdsumoInputException(ErrorReason.FileExists, "Path", $"'{path}' already exists. Use -Force to overwrite it.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
            throw new AdsumoInputException(ErrorReason.FolderNotFound, "Path", $"The folder '{folder}' does not exist.");
    }

    /// <summary>
    /// A result URL from the service as one the downloader fetches: absolute http or https only. Anything else (a
    /// relative path, file:, ftp:) is a download failure naming <paramref name="what"/>, never a request.
    /// </summary>
    public static Uri HttpUrl(string? url, string what)
    {
        if (string.IsNullOrWhiteSpace(url))
            throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"The service gave {what} no URL to download.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"The service gave {what} a URL that is not absolute http or https ('{Sanitize.Text(url, 80)}'); only those are downloaded.");
        return uri;
    }

    /// <summary>
    /// Downloads <paramref name="source"/> to <paramref name="destination"/>. <paramref name="freshUrl"/> is asked
    /// for a new URL when the current one is refused (expired presigned URLs answer 403, or 400).
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(Uri source, string destination, bool overwrite, Func<CallContext, Task<string?>>? freshUrl,
        Action<DownloadProgress>? progress, CallContext call)
    {
        source = HttpUrl(source.OriginalString, "the result");
        CheckDestination(destination, overwrite);
        var refreshes = 0;
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            call.Cancellation.ThrowIfCancellationRequested();
            var shown = Shown(source);
            try
            {
                return await DownloadOnceAsync(source, destination, overwrite, progress, call).ConfigureAwait(false);
            }
            catch (UrlRefusedException refused) when (freshUrl is not null && refreshes < MaxUrlRefreshes)
            {
                refreshes++;
                call.Log.Verbose($"GET {shown} was refused ({refused.Status}); asking the service for a fresh URL.");
                var fresh = await freshUrl(call).ConfigureAwait(false)
                    ?? throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"The result URL was refused ({refused.Status}) and the service gave no fresh one.");
                source = HttpUrl(fresh, "the fresh result");
            }
            catch (UrlRefusedException refused)
            {
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} was refused with {refused.Status} (the URL may have expired).") { StatusCode = refused.Status };
            }
            catch (Exception e) when (IsTransient(e) && !call.Cancellation.IsCancellationRequested)
            {
                var retryAfter = (e as TransientStatusException)?.RetryAfter;
                var delay = RetryPolicy.DelayBefore(attempt + 1, _settings.RetryBaseDelay, retryAfter);
                if (!RetryPolicy.MayRetry(attempt, clock.Elapsed, delay, _settings))
                    throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} failed after {attempt} attempts: {Sanitize.Text(e.Message, 200)}", e) { Attempts = attempt };
                call.Log.Verbose($"Retrying GET {shown} in {RequestContext.FormatSeconds(delay)} (attempt {attempt + 1}) after {Sanitize.Text(e.Message, 120)}{(retryAfter is null ? "" : ", as Retry-After asked")}.");
                await Task.Delay(delay, call.Cancellation).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception e) => e is NetworkReadException or HttpRequestException or TimeoutException or TransientStatusException or ShortBodyException;

    // What is shown of a URL: its path (the signed query is a credential), from the service, so sanitized.
    private static string Shown(Uri source) => Sanitize.Text(source.GetLeftPart(UriPartial.Path), 200);

    private async Task<DownloadResult> DownloadOnceAsync(Uri source, string destination, bool overwrite, Action<DownloadProgress>? progress, CallContext call)
    {
        var shown = Shown(source);
        var watch = Stopwatch.StartNew();
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(call.Cancellation);
        stall.CancelAfter(_settings.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await SendFollowingRedirectsAsync(source, shown, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {RequestContext.FormatSeconds(_settings.RequestTimeout)}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            call.Log.Verbose($"GET {shown} -> {status} {Sanitize.Text(response.ReasonPhrase, 60)} in {watch.ElapsedMilliseconds} ms (signed query not shown)");
            if (status is 400 or 401 or 403 or 404 or 410) throw new UrlRefusedException(status);
            if (RetryPolicy.IsTransient(response.StatusCode, RetrySafety.Idempotent))
                throw new TransientStatusException(status, RetryPolicy.ReadRetryAfter(response, DateTimeOffset.UtcNow, RetryPolicy.RetryAfterLimit(_settings)));
            if (!response.IsSuccessStatusCode)
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} answered {status} {Sanitize.Text(response.ReasonPhrase, 60)}.") { StatusCode = status };

            var total = response.Content.Headers.ContentLength;
            var temporary = FileNames.Partial(destination);
            long received = 0;
            try
            {
                var input = await ReadNetworkAsync(() => response.Content.ReadAsStreamAsync()).ConfigureAwait(false);
                using (input)
                using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    var buffer = new byte[81920];
                    var lastReport = Stopwatch.StartNew();
                    progress?.Invoke(new DownloadProgress(0, total));
                    while (true)
                    {
                        // A stalled body times out; a body that keeps flowing may take as long as it needs.
                        stall.CancelAfter(_settings.RequestTimeout);
                        int read;
                        try
                        {
                            read = await ReadNetworkAsync(() => input.ReadAsync(buffer, 0, buffer.Length, stall.Token)).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
                        {
                            throw new TimeoutException($"the download stalled for {RequestContext.FormatSeconds(_settings.RequestTimeout)}");
                        }
                        if (read == 0) break;
                        await output.WriteAsync(buffer, 0, read, call.Cancellation).ConfigureAwait(false);
                        received += read;
                        if (lastReport.ElapsedMilliseconds >= 200)
                        {
                            progress?.Invoke(new DownloadProgress(received, total));
                            lastReport.Restart();
                        }
                    }
                    await output.FlushAsync(call.Cancellation).ConfigureAwait(false);
                }
                // A transport that does not hold the server to its Content-Length (an HTTP/1.0 proxy, another
                // handler) can end a body early without an error: this is what catches it.
                if (total is { } expected && expected != received) throw new ShortBodyException(received, expected);
                progress?.Invoke(new DownloadProgress(received, total));
                MoveIntoPlace(temporary, destination, overwrite);
                call.Log.Verbose($"Saved {received} bytes to {destination} in {watch.ElapsedMilliseconds} ms.");
                return new DownloadResult(destination, received, response.Content.Headers.ContentType?.MediaType);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Network failures were wrapped as they happened: what is left is the local disk's (full, read-only,
                // no permission, a name too long), which another download would only meet again.
                throw new AdsumoException(AdsumoErrorKind.WriteFailed, $"Could not write '{destination}' (from {shown}): {Sanitize.Text(e.Message, 200)}", e);
            }
            finally
            {
                if (File.Exists(temporary)) TryDelete(temporary);
            }
        }
    }

    /// <summary>
    /// Sends the GET and follows redirects itself, as a browser would but stricter: at most
    /// <see cref="MaxRedirects"/>, only to http and https (never file:, ftp: or the like), and never from https down to
    /// plain http. Anything else is a download failure, not a request.
    /// </summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(Uri source, string shown, CancellationToken cancellation)
    {
        var current = source;
        for (var redirects = 0; ; redirects++)
        {
            var response = await _files.SendAsync(new HttpRequestMessage(HttpMethod.Get, current), HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308)) return response;
            var location = response.Headers.Location;
            response.Dispose();
            var target = location is null ? null : location.IsAbsoluteUri ? location : new Uri(current, location);
            var refusal = target switch
            {
                null => "without a Location to go to",
                _ when target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps =>
                    $"to a {Sanitize.Text(target.Scheme, 20)}: URL, which is not followed: files are fetched over http and https only",
                _ when current.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp => "from https down to plain http, which is not followed",
                _ when redirects >= MaxRedirects => $"more than {MaxRedirects} times",
                _ => null,
            };
            if (refusal is not null)
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} was redirected ({status}) {refusal}.") { StatusCode = status };
            current = target!;
        }
    }

    /// <summary>Reads from the network, marking its IO failures as the network's (transient) rather than the disk's.</summary>
    private static async Task<T> ReadNetworkAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new NetworkReadException(e);
        }
    }

    private static void MoveIntoPlace(string temporary, string destination, bool overwrite)
    {
        if (File.Exists(destination))
        {
            if (!overwrite) throw new AdsumoInputException(ErrorReason.FileExists, "Path", $"'{destination}' appeared while it was downloaded; use -Force to overwrite it.");
            File.Replace(temporary, destination, null);
            return;
        }
        File.Move(temporary, destination);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class UrlRefusedException : Exception
    {
        public UrlRefusedException(int status) : base($"refused with {status}") => Status = status;

        public int Status { get; }
    }

    private sealed class TransientStatusException : Exception
    {
        public TransientStatusException(int status, TimeSpan? retryAfter) : base($"the file host answered {status}") => RetryAfter = retryAfter;

        public TimeSpan? RetryAfter { get; }
    }

    private sealed class NetworkReadException : Exception
    {
        public NetworkReadException(IOException inner) : base("the connection was reset while the file was read: " + inner.Message, inner)
        {
        }
    }

    private sealed class ShortBodyException : Exception
    {
        public ShortBodyException(long received, long expected) : base($"the download ended after {received} of {expected} bytes")
        {
        }
    }
}
