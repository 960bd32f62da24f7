using System.Threading.Tasks;
using Adsumo.Emulator.Faults;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Control;

/// <summary>PUT replaces the whole fault configuration: what the body leaves out goes back to its default.</summary>
internal sealed class FaultControl(FaultInjector faults)
{
    public const int MaxLatencyMs = 600_000;
    public const int MaxRetryAfterSeconds = 86_400;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_emulator/faults", Get);
        routes.MapPut("/_emulator/faults", PutAsync);
        routes.MapDelete("/_emulator/faults", Delete);
    }

    private Task Get(HttpContext context) => WriteAsync(context, faults.Current);

    private async Task PutAsync(HttpContext context)
    {
        FaultSettings settings;
        using (var body = await JsonBody.ReadAsync(context))
        {
            settings = new FaultSettings(
                ErrorRate: body.OptionalNumber("error_rate", 0, 1) ?? 0,
                RateLimitRate: body.OptionalNumber("rate_limit_rate", 0, 1) ?? 0,
                RetryAfterSeconds: body.OptionalInteger("retry_after_seconds", 0, MaxRetryAfterSeconds) ?? 1,
                ResetRate: body.OptionalNumber("reset_rate", 0, 1) ?? 0,
                LatencyMs: body.OptionalInteger("latency_ms", 0, MaxLatencyMs) ?? 0,
                MalformedRate: body.OptionalNumber("malformed_rate", 0, 1) ?? 0,
                Seed: body.OptionalInteger("seed", int.MinValue, int.MaxValue),
                Timing: body.OptionalEnum("timing", FaultTimings.All) ?? FaultTimings.Before,
                Methods: body.OptionalEnumList("methods", FaultSettings.KnownMethods));
        }
        // A little slack, so that rates like 0.1 + 0.2 + 0.7 are not refused over floating-point rounding.
        if (settings.TotalRate > 1 + 1e-9)
            throw ApiErrors.Invalid(null,
                "error_rate + rate_limit_rate + reset_rate + malformed_rate must be at most 1.");
        faults.Set(settings);
        await WriteAsync(context, settings);
    }

    private Task Delete(HttpContext context)
    {
        faults.Clear();
        JsonResponses.NoContent(context);
        return Task.CompletedTask;
    }

    private static Task WriteAsync(HttpContext context, FaultSettings s) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new FaultsJson(s.ErrorRate, s.RateLimitRate, s.RetryAfterSeconds, s.ResetRate, s.LatencyMs, s.MalformedRate,
                s.Seed, s.Timing, s.Methods),
            EmulatorJson.Wire.FaultsJson);
}
