using System.Globalization;
using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Settings;
using Microsoft.AspNetCore.Http;

namespace Adsumo.Emulator.RateLimiting;

internal sealed class RateLimitMiddleware(RateLimiter limiter, SettingsStore settings)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var limit = settings.Current.RateLimit;
        if (limit <= 0) return next(context);
        if (limiter.TryAcquire(context.Team().Key, limit, out var retryAfter)) return next(context);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        throw new ApiException(StatusCodes.Status429TooManyRequests, "rate_limited",
            $"More than {limit} requests in a minute with this key; retry after {retryAfter} s.");
    }
}
