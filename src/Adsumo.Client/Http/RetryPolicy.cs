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

    /// <summary>
    /// Whether another attempt may follow <paramref name="attemptsMade"/> attempts: within the connection's retries,
    /// and with the wait before it inside the bound on the whole request.
    /// </summary>
    public static bool MayRetry(int attemptsMade, TimeSpan elapsed, TimeSpan delay, ConnectionSettings settings) =>
        attemptsMade <= settings.MaxRetries && elapsed + delay <= settings.RetryTimeout;

    /// <summary>
    /// The longest Retry-After taken at its word (as a wait, and as what an error reports): a service asking for
    /// more is asking for a day off.
    /// </summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// The bound on a Retry-After for one connection: never more than its retry timeout (a wait that long would
    /// only end in giving up) and never more than <see cref="MaxRetryAfter"/>.
    /// </summary>
    public static TimeSpan RetryAfterLimit(ConnectionSettings settings) =>
        settings.RetryTimeout < MaxRetryAfter ? settings.RetryTimeout : MaxRetryAfter;

    /// <summary>
    /// Reads Retry-After as seconds or as an HTTP date, the one reader for retries and for error details. The value
    /// comes from the network, so it is range-checked: a date in the past is zero, anything above
    /// <paramref name="limit"/> (1e300, a date in the year 9999) is the limit, and what is not a number of seconds
    /// of zero or more (negative, NaN, infinite, words) is unreadable: null, as when absent.
    /// </summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now, TimeSpan limit)
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
                        && seconds >= 0 && !double.IsInfinity(seconds))
                    {
                        return seconds >= limit.TotalSeconds ? limit : TimeSpan.FromSeconds(seconds);
                    }
                }
            }
            return null;
        }
        TimeSpan asked;
        if (header.Delta is { } delta) asked = delta;
        else if (header.Date is { } date) asked = date > now ? date - now : TimeSpan.Zero;
        else return null;
        if (asked < TimeSpan.Zero) return null;
        return asked > limit ? limit : asked;
    }
}
