using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client.Http;

/// <summary>
/// The one place where API requests are timed out and retried. Each attempt gets its own timeout; transient
/// failures are retried with backoff (or as Retry-After says) within a bound on attempts and on total time, with
/// the same request id every time. The answer's body is read here, inside the attempt's timeout, so a reset or a
/// trickling body counts as a failed attempt rather than surfacing later.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    // Answers larger than this are refused rather than held in memory: no answer of the API comes near it.
    private const long MaxResponseBytes = 32L * 1024 * 1024;

    // The shortest an attempt is given when the total bound is nearly spent: enough for a loopback answer.
    private static readonly TimeSpan MinimumAttempt = TimeSpan.FromMilliseconds(100);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = RequestContext.From(request) ?? throw new InvalidOperationException("An API request must carry its RequestContext.");
        var settings = context.Settings;
        var total = Stopwatch.StartNew();
        var described = RequestContext.Describe(request);
        for (var attempt = 1; ; attempt++)
        {
            context.Attempts = attempt;
            var outgoing = attempt == 1 ? request : Clone(request, context);
            var watch = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            Exception? failure = null;
            // An attempt may take the request timeout, but never past the bound on the whole request.
            var left = settings.RetryTimeout - total.Elapsed;
            var limitedByTotal = left < settings.RequestTimeout;
            var attemptTimeout = limitedByTotal ? (left > MinimumAttempt ? left : MinimumAttempt) : settings.RequestTimeout;
            context.Log.Debug($"Sending {described} (attempt {attempt} of at most {settings.MaxRetries + 1}, request {context.RequestId}, "
                + $"{(context.Body is null ? "no body" : context.Body.Length + " bytes of JSON")}, timeout {RequestContext.FormatSeconds(attemptTimeout)}).");
            using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCancellation.CancelAfter(attemptTimeout);
                try
                {
                    response = await base.SendAsync(outgoing, attemptCancellation.Token).ConfigureAwait(false);
                    await BufferAsync(response, MaxResponseBytes, attemptCancellation.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    response?.Dispose();
                    throw;
                }
                catch (OperationCanceledException) when (attemptCancellation.IsCancellationRequested)
                {
                    response?.Dispose();
                    response = null;
                    failure = new TimeoutException(limitedByTotal
                        ? $"no complete answer within the {RequestContext.FormatSeconds(settings.RetryTimeout)} allowed for the request and its retries"
                        : $"no complete answer within {RequestContext.FormatSeconds(settings.RequestTimeout)}");
                }
                catch (AdsumoException)
                {
                    response?.Dispose();
                    throw;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException)
                {
                    response?.Dispose();
                    response = null;
                    failure = e;
                }
            }
            if (response is not null && response.Headers.TryGetValues("X-Request-Id", out var ids))
            {
                foreach (var id in ids) { context.ServerRequestId = SafeText.RequestId(id); break; }
            }

            var outcome = response is not null ? $"{(int)response.StatusCode} {SafeText.Line(response.ReasonPhrase, 80)}" : Describe(failure!);
            context.Log.Verbose($"{described} -> {outcome} in {watch.ElapsedMilliseconds} ms (request {context.ServerRequestId ?? context.RequestId})");

            string? malformed = null;
            if (response is not null && response.IsSuccessStatusCode && context.Safety == RetrySafety.Idempotent)
            {
                malformed = JsonShape.Problem(response);
            }
            var transient = failure is not null
                ? RetryPolicy.IsTransient(failure, context.Safety)
                : malformed is not null || RetryPolicy.IsTransient(response!.StatusCode, context.Safety);
            if (!transient) return Finish(response, failure, context, described, total.Elapsed);

            var retryAfter = response is null ? null : RetryPolicy.ReadRetryAfter(response, DateTimeOffset.UtcNow);
            var delay = RetryPolicy.DelayBefore(attempt + 1, settings.RetryBaseDelay, retryAfter);
            var reason = malformed ?? outcome;
            if (attempt > settings.MaxRetries)
            {
                return Finish(response, failure, context, described, total.Elapsed);
            }
            if (total.Elapsed + delay > settings.RetryTimeout)
            {
                context.Log.Verbose($"Not retrying {described}: waiting {RequestContext.FormatSeconds(delay)} would pass the retry limit of {RequestContext.FormatSeconds(settings.RetryTimeout)}.");
                return Finish(response, failure, context, described, total.Elapsed);
            }
            context.Log.Verbose($"Retrying {described} in {RequestContext.FormatSeconds(delay)} (attempt {attempt + 1} of {settings.MaxRetries + 1}) after {reason}{(retryAfter is null ? "" : ", as Retry-After asked")}.");
            response?.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static HttpResponseMessage Finish(HttpResponseMessage? response, Exception? failure, RequestContext context, string described, TimeSpan elapsed)
    {
        if (response is not null) return response;
        var tries = context.Attempts == 1 ? "1 attempt" : $"{context.Attempts} attempts";
        var kind = failure is TimeoutException ? AdsumoErrorKind.Timeout : AdsumoErrorKind.NetworkError;
        var unsafeNote = context.Safety == RetrySafety.OnlyIfNotProcessed && !RetryPolicy.IsConnectionRefused(failure!)
            ? " It was not sent again because the service may have acted on it: check before trying again."
            : "";
        throw new AdsumoException(kind, $"{described} failed after {tries} in {RequestContext.FormatSeconds(elapsed)}: {Describe(failure!)}.{unsafeNote} (request {context.RequestId})", failure)
        {
            Attempts = context.Attempts,
            RequestId = context.RequestId,
        };
    }

    private static string Describe(Exception failure)
    {
        if (RetryPolicy.IsConnectionRefused(failure)) return "the connection was refused";
        return failure switch
        {
            TimeoutException t => t.Message,
            IOException => "the connection was reset while the answer was read",
            HttpRequestException h when h.InnerException is IOException => "the connection was reset",
            HttpRequestException h => SafeText.Line(h.Message, 200),
            _ => SafeText.Line(failure.Message, 200),
        };
    }

    /// <summary>Reads the whole body within the attempt's token, refusing one larger than the limit.</summary>
    private static async Task BufferAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content is null) return;
        if (content.Headers.ContentLength is { } declared && declared > maxBytes) throw TooLarge(response, maxBytes);
        using var registration = cancellationToken.Register(() => response.Dispose());
        var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(response, maxBytes);
            buffer.Write(chunk, 0, read);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (content.Headers.ContentLength is { } expected && expected != buffer.Length)
        {
            throw new IOException($"the answer ended after {buffer.Length} of {expected} bytes");
        }
        var buffered = new ByteArrayContent(buffer.ToArray());
        foreach (var header in content.Headers) buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = buffered;
        content.Dispose();
    }

    private static AdsumoException TooLarge(HttpResponseMessage response, long maxBytes) =>
        new(AdsumoErrorKind.InvalidResponse, $"The answer to {RequestContext.Describe(response.RequestMessage!)} is larger than {maxBytes / (1024 * 1024)} MB; the module refuses to hold it in memory.")
        {
            StatusCode = (int)response.StatusCode,
        };

    private static HttpRequestMessage Clone(HttpRequestMessage request, RequestContext context)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        copy.Content = context.NewContent();
        context.AttachTo(copy);
        return copy;
    }
}
