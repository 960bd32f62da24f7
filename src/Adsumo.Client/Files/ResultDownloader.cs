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
/// by a fresh one from the caller; transient failures are retried.
/// </summary>
public sealed class ResultDownloader
{
    private const int MaxUrlRefreshes = 2;
    private readonly HttpClient _files = HttpClients.Create(HttpClients.Files);
    private readonly ConnectionSettings _settings;

    public ResultDownloader(ConnectionSettings settings) => _settings = settings;

    /// <summary>Checks before any download that the destination can be written.</summary>
    public static void CheckDestination(string path, bool overwrite)
    {
        if (Directory.Exists(path))
            throw new AdsumoInputException(ErrorReason.PathIsFolder, "Path", $"'{path}' is a folder; give a file name, or the folder as -Path for its default file names.");
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
        CheckDestination(destination, overwrite);
        RemoveStalePartials(destination, call.Log);
        var refreshes = 0;
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            call.Cancellation.ThrowIfCancellationRequested();
            var shown = source.GetLeftPart(UriPartial.Path);
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
            }
            catch (UrlRefusedException refused)
            {
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} was refused with {refused.Status} (the URL may have expired).") { StatusCode = refused.Status };
            }
            catch (Exception e) when (IsTransient(e) && !call.Cancellation.IsCancellationRequested)
            {
                if (attempt > _settings.MaxRetries || clock.Elapsed > _settings.RetryTimeout)
                    throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} failed after {attempt} attempts: {Sanitize.Text(e.Message, 200)}", e) { Attempts = attempt };
                var delay = RetryPolicy.DelayBefore(attempt + 1, _settings.RetryBaseDelay, null);
                call.Log.Verbose($"Retrying GET {shown} in {RequestContext.FormatSeconds(delay)} (attempt {attempt + 1}) after {Sanitize.Text(e.Message, 120)}.");
                await Task.Delay(delay, call.Cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Removes the temporary files of earlier downloads to the same destination that never ended (their process
    /// was killed). One still being written is held open exclusively by its writer, so it is left alone.
    /// </summary>
    private static void RemoveStalePartials(string destination, ICallLog log)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination));
        if (folder is null || !Directory.Exists(folder)) return;
        foreach (var partial in Directory.EnumerateFiles(folder, "." + Path.GetFileName(destination) + ".*.partial"))
        {
            try
            {
                using (new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
                File.Delete(partial);
                log.Verbose($"Removed {partial}, left by a download that was stopped before it ended.");
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsTransient(Exception e) => e is IOException or HttpRequestException or TimeoutException or TransientStatusException;

    private async Task<DownloadResult> DownloadOnceAsync(Uri source, string destination, bool overwrite, Action<DownloadProgress>? progress, CallContext call)
    {
        var shown = source.GetLeftPart(UriPartial.Path);
        var watch = Stopwatch.StartNew();
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(call.Cancellation);
        stall.CancelAfter(_settings.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        HttpResponseMessage response;
        try
        {
            response = await _files.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {RequestContext.FormatSeconds(_settings.RequestTimeout)}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            call.Log.Verbose($"GET {shown} -> {status} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms (signed query not shown)");
            if (status is 400 or 401 or 403 or 404 or 410) throw new UrlRefusedException(status);
            if (status == 429 || status >= 500) throw new TransientStatusException(status);
            if (!response.IsSuccessStatusCode)
                throw new AdsumoException(AdsumoErrorKind.DownloadFailed, $"Downloading {shown} answered {status} {Sanitize.Text(response.ReasonPhrase, 60)}.") { StatusCode = status };

            var total = response.Content.Headers.ContentLength;
            var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
            var temporary = Path.Combine(folder, "." + Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
            long received = 0;
            try
            {
                using (var input = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
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
                            read = await input.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
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
                if (total is { } expected && expected != received)
                    throw new IOException($"the download ended after {received} of {expected} bytes");
                progress?.Invoke(new DownloadProgress(received, total));
                MoveIntoPlace(temporary, destination, overwrite);
                call.Log.Verbose($"Saved {received} bytes to {destination} in {watch.ElapsedMilliseconds} ms.");
                return new DownloadResult(destination, received, response.Content.Headers.ContentType?.MediaType);
            }
            finally
            {
                if (File.Exists(temporary)) TryDelete(temporary);
            }
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
        public TransientStatusException(int status) : base($"the file host answered {status}") => Status = status;

        public int Status { get; }
    }
}
