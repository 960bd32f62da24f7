using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;

namespace Adsumo.Client.Http;

/// <summary>Which failures are transient, and how long to wait before the next attempt.</summary>
internal static class RetryPolicy
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly ThreadLocal<Random> Jitter = new(() => new Random(Guid.NewGuid().GetHashCode()));

    /// <summary>Whether an answer's status is worth another attempt, given what the request may do.</summary>
    public static bool IsTransient(HttpStatusCode status, RetrySafety safety)
    {
        var code = (int)status;
        // A 429 is refused before any work, so even a creation can be sent again.
        if (code == 429) return true;
        if (safety != RetrySafety.Idempotent) return false;
        return code is 500 or 502 or 503 or 504 or 408;
    }

    /// <summary>Whether a failure without an answer is worth another attempt, given what the request may do.</summary>
    public static bool IsTransient(Exception failure, RetrySafety safety)
    {
        if (IsConnectionRefused(failure)) return true;
        if (safety != RetrySafety.Idempotent) return false;
        return failure is HttpRequestException or IOException or TimeoutException or OperationCanceledException;
    }

    /// <summary>A refused connection never carried the request, so it is safe to try again whatever it was.</summary>
    public static bool IsConnectionRefused(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        }
        return false;
    }

    /// <summary>
    /// The wait before attempt <paramref name="nextAttempt"/>: what the service asked for in Retry-After when it
    /// said, else exponential backoff from the base delay with jitter, so that many clients do not retry in step.
    /// </summary>
    public static TimeSpan DelayBefore(int nextAttempt, TimeSpan baseDelay, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked) return asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, nextAttempt - 2));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        // Equal jitter: half fixed, half random, so the wait never collapses to nothing.
        var withJitter = capped / 2 + Jitter.Value!.NextDouble() * capped / 2;
        return TimeSpan.FromMilliseconds(withJitter);
    }

    /// <summary>The longest wait a Retry-After is taken for: beyond it the retry bounds end the request anyway.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// Reads Retry-After as seconds or as an HTTP date; null when absent or unreadable. The value comes from the
    /// service, so it is range-checked: negative, NaN or infinite seconds are unreadable, a date in the past is no
    /// wait, and anything above <see cref="MaxRetryAfter"/> is capped there (1e300 seconds would overflow a TimeSpan).
    /// </summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            // Some proxies send a fractional or otherwise non-standard value that the typed header rejects.
            if (response.Headers.TryGetValues("Retry-After", out var raw))
            {
                foreach (var value in raw)
                {
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        && seconds >= 0 && !double.IsNaN(seconds) && !double.IsInfinity(seconds))
                    {
                        return seconds >= MaxRetryAfter.TotalSeconds ? MaxRetryAfter : TimeSpan.FromSeconds(seconds);
                    }
                }
            }
            return null;
        }
        if (header.Delta is { } delta) return Bounded(delta);
        if (header.Date is { } date) return Bounded(date - now);
        return null;
    }

    private static TimeSpan Bounded(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
}
