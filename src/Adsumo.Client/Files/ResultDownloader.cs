using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client.Http;

namespace Adsumo.Client;

/// <summary>
/// Saves result files from their presigned URLs. The file client carries no key, whatever the host. The body is
/// streamed to a temporary file beside the destination and renamed over it only when complete, so a failed or
/// stopped download leaves the destination as it was. A refused or expired URL is replaced by a fresh one from the
/// caller; failures of the network are retried with the connection's retry policy (Retry-After included), while a
/// failure to write on this machine (a full disk, a name too long) ends the download at once.
/// </summary>
public sealed class ResultDownloader
{
    private const int MaxUrlRefreshes = 2;
    private const int MaxRedirects = 5;
    private const int CopyBufferBytes = 256 * 1024;

    // The most bytes a file name may have on the common file systems (ext4, NTFS, APFS), and what the temporary name
    // adds to the destination's: "." before it and ".<8 hex>.partial" after it.
    private const int MaxNameBytes = 255;
    private const int TemporaryNameOverhead = 18;

    private readonly HttpClient _files = HttpClients.Create(HttpClients.Files);
    private readonly ConnectionSettings _settings;

    public ResultDownloader(ConnectionSettings settings) => _settings = settings;

    /// <summary>Checks before any download that the destination can be written.</summary>
    public static void CheckDestination(string path, bool overwrite)
    {
        if (Directory.Exists(path))
            throw new AdsumoInputException(ErrorReason.PathIsFolder, "Path", $"'{path}' is a folder; give a file name.");
        if (File.Exists(path) && !overwrite)
            throw new AdsumoInputException(ErrorReason.FileExists, "Path", $"'{path}' already exists. Use -Force to overwrite it.");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
            throw new AdsumoInputException(ErrorReason.FolderNotFound, "Path", $"The folder '{folder}' does not exist.");
    }

    /// <summary>
    /// Downloads <paramref name="source"/> to <paramref name="destination"/>. <paramref name="freshUrl"/> is asked
    /// for a new URL when the current one is refused (expired presigned URLs answer 403, or 400).
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(Uri source, string destination, bool overwrite, Func<CallContext, Task<Uri?>>? freshUrl,
        Action<DownloadProgress>? progress, CallContext call)
    {
        if (!ResultUrl.IsFetchable(source))
            throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"'{SafeText.Line(source.ToString(), 80)}' is not an absolute http or https URL; the module does not fetch it.");
        CheckDestination(destination, overwrite);
        var refreshes = 0;
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            call.Cancellation.ThrowIfCancellationRequested();
            var shown = source.GetLeftPart(UriPartial.Path);
            TimeSpan? retryAfter = null;
            Exception failure;
            try
            {
                return await DownloadOnceAsync(source, destination, overwrite, progress, call).ConfigureAwait(false);
            }
            catch (UrlRefusedException refused) when (freshUrl is not null && refreshes < MaxUrlRefreshes)
            {
                refreshes++;
                call.Log.Verbose($"GET {shown} was refused ({refused.Status}); asking the service for a fresh URL.");
                source = await freshUrl(call).ConfigureAwait(false)
                    ?? throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"The result URL was refused ({refused.Status}) and the service gave no fresh one.");
                if (!ResultUrl.IsFetchable(source))
                    throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"The fresh result URL '{SafeText.Line(source.ToString(), 80)}' is not an absolute http or https URL; the module does not fetch it.");
                continue;
            }
            catch (UrlRefusedException refused)
            {
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} was refused with {refused.Status} (the URL may have expired).") { StatusCode = refused.Status };
            }
            catch (TransientStatusException e)
            {
                failure = e;
                retryAfter = e.RetryAfter;
            }
            catch (Exception e) when (IsNetworkFailure(e) && !call.Cancellation.IsCancellationRequested)
            {
                failure = e;
            }

            var delay = RetryPolicy.DelayBefore(attempt + 1, _settings.RetryBaseDelay, retryAfter);
            if (attempt > _settings.MaxRetries || clock.Elapsed + delay > _settings.RetryTimeout)
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} failed after {attempt} attempt{(attempt == 1 ? "" : "s")}: {SafeText.Line(failure.Message, 200)}", failure) { Attempts = attempt };
            call.Log.Verbose($"Retrying GET {shown} in {RequestContext.FormatSeconds(delay)} (attempt {attempt + 1}) after {SafeText.Line(failure.Message, 120)}{(retryAfter is null ? "" : ", as Retry-After asked")}.");
            await Task.Delay(delay, call.Cancellation).ConfigureAwait(false);
        }
    }

    // Only what went wrong on the way here is worth another attempt; what went wrong on this machine's disk is not.
    private static bool IsNetworkFailure(Exception e) => e is HttpRequestException or TimeoutException or IOException;

    private async Task<DownloadResult> DownloadOnceAsync(Uri source, string destination, bool overwrite, Action<DownloadProgress>? progress, CallContext call)
    {
        var shown = source.GetLeftPart(UriPartial.Path);
        var watch = Stopwatch.StartNew();
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(call.Cancellation);
        stall.CancelAfter(_settings.RequestTimeout);
        var response = await SendFollowingRedirectsAsync(source, shown, watch, stall.Token, call).ConfigureAwait(false);
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 400 or 401 or 403 or 404 or 410) throw new UrlRefusedException(status);
            if (status is 429 or >= 500) throw new TransientStatusException(status, RetryPolicy.ReadRetryAfter(response, DateTimeOffset.UtcNow));
            if (!response.IsSuccessStatusCode)
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} answered {status} {SafeText.Line(response.ReasonPhrase, 60)}.") { StatusCode = status };

            var total = response.Content.Headers.ContentLength;
            var temporary = TemporaryPath(destination);
            long received = 0;
            try
            {
                using (var input = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                // Large reads written straight through (the stream keeps no buffer of its own): a result file is tens
                // or hundreds of megabytes, and each small write would cost a call into the file system.
                using (var output = Local(() => new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true), temporary))
                {
                    var buffer = new byte[CopyBufferBytes];
                    var lastReport = Stopwatch.StartNew();
                    progress?.Invoke(new DownloadProgress(0, total));
                    while (true)
                    {
                        // A stalled body times out; a body that keeps flowing may take as long as it needs.
                        stall.CancelAfter(_settings.RequestTimeout);
                        int read;
                        try
                        {
                            read = await input.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
                        {
                            throw new TimeoutException($"the download stalled for {RequestContext.FormatSeconds(_settings.RequestTimeout)}");
                        }
                        if (read == 0) break;
                        await LocalAsync(() => output.WriteAsync(buffer, 0, read, call.Cancellation), temporary).ConfigureAwait(false);
                        received += read;
                        if (lastReport.ElapsedMilliseconds >= 200)
                        {
                            progress?.Invoke(new DownloadProgress(received, total));
                            lastReport.Restart();
                        }
                    }
                    await LocalAsync(() => output.FlushAsync(call.Cancellation), temporary).ConfigureAwait(false);
                }
                // A body shorter than its Content-Length never gets here: the transport fails the read instead.
                progress?.Invoke(new DownloadProgress(received, total));
                Local(() => MoveIntoPlace(temporary, destination, overwrite), destination);
                call.Log.Verbose($"Saved {received} bytes to {destination} in {watch.ElapsedMilliseconds} ms.");
                return new DownloadResult(destination, received, response.Content.Headers.ContentType?.MediaType);
            }
            finally
            {
                if (File.Exists(temporary)) TryDelete(temporary);
            }
        }
    }

    /// <summary>
    /// Sends the GET, following redirects (as file hosts and CDNs use them) only to absolute http(s) URLs, at most
    /// <see cref="MaxRedirects"/> times: a redirect to file: or ftp: is refused rather than followed.
    /// </summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(Uri source, string shown, Stopwatch watch, CancellationToken token, CallContext call)
    {
        var current = source;
        for (var redirects = 0; ; redirects++)
        {
            HttpResponseMessage response;
            using (var request = new HttpRequestMessage(HttpMethod.Get, current))
            {
                try
                {
                    response = await _files.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
                {
                    throw new TimeoutException($"no answer within {RequestContext.FormatSeconds(_settings.RequestTimeout)}");
                }
            }
            var status = (int)response.StatusCode;
            call.Log.Verbose($"GET {current.GetLeftPart(UriPartial.Path)} -> {status} {SafeText.Line(response.ReasonPhrase, 60)} in {watch.ElapsedMilliseconds} ms (signed query not shown)");
            if (status is not (301 or 302 or 303 or 307 or 308)) return response;
            using (response)
            {
                var location = response.Headers.Location
                    ?? throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} answered {status} without a Location to go to.") { StatusCode = status };
                var target = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (!ResultUrl.IsFetchable(target))
                    throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} answered {status} to {SafeText.Line(target.ToString(), 80)}, which the module does not follow: only http and https URLs are fetched.") { StatusCode = status };
                if (redirects >= MaxRedirects)
                    throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} was redirected more than {MaxRedirects} times; giving up.") { StatusCode = status };
                current = target;
            }
        }
    }

    /// <summary>
    /// A hidden name beside the destination that no other download picks, never longer than a file name may be:
    /// the destination's own name is shortened when adding the suffix would pass the limit.
    /// </summary>
    internal static string TemporaryPath(string destination)
    {
        var full = Path.GetFullPath(destination);
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var room = MaxNameBytes - TemporaryNameOverhead;
        while (Encoding.UTF8.GetByteCount(name) > room) name = name.Substring(0, char.IsLowSurrogate(name[name.Length - 1]) && name.Length > 1 ? name.Length - 2 : name.Length - 1);
        return Path.Combine(folder, "." + name + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
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

    private static T Local<T>(Func<T> action, string path)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException && e is not AdsumoInputException)
        {
            throw new LocalFileException(path, e);
        }
    }

    private static void Local(Action action, string path) => Local(() =>
    {
        action();
        return true;
    }, path);

    private static async Task LocalAsync(Func<Task> action, string path)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalFileException(path, e);
        }
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

    /// <summary>A failure to write on this machine: the file error the cmdlet reports, never retried.</summary>
    private sealed class LocalFileException : AdsumoException
    {
        public LocalFileException(string path, Exception inner)
            : base(AdsumoErrorKind.FileWriteFailed, $"Could not write '{path}': {SafeText.Line(inner.Message, 200)}", inner)
        {
        }
    }
}
