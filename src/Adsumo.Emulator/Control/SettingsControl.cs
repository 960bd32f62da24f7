using System.Threading.Tasks;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Settings;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Control;

/// <summary>PUT changes only the settings the body names; null turns off rate_limit and the webhook.</summary>
internal sealed class SettingsControl(SettingsStore settings)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_emulator/settings", Get);
        routes.MapPut("/_emulator/settings", PutAsync);
    }

    private Task Get(HttpContext context) => WriteAsync(context, settings.Current);

    private async Task PutAsync(HttpContext context)
    {
        var current = settings.Current;
        EmulatorSettings next;
        using (var body = await JsonBody.ReadAsync(context))
        {
            next = current with
            {
                Credits = body.OptionalInteger("credits", 0, EmulatorSettings.MaxCredits) ?? current.Credits,
                GenerationSeconds = body.OptionalNumber("generation_seconds", -1, EmulatorSettings.MaxGenerationSeconds)
                    ?? current.GenerationSeconds,
                UrlTtlSeconds = body.OptionalInteger("url_ttl_seconds", 1, EmulatorSettings.MaxUrlTtlSeconds)
                    ?? current.UrlTtlSeconds,
                ResultBytes = body.OptionalLong("result_bytes", EmulatorSettings.MinResultBytes, EmulatorSettings.MaxResultBytes)
                    ?? current.ResultBytes,
                RateLimit = body.Mentions("rate_limit")
                    ? body.OptionalInteger("rate_limit", 0, EmulatorSettings.MaxRateLimit) ?? 0
                    : current.RateLimit,
                WebhookUrl = body.Mentions("webhook_url") ? body.OptionalHttpUrl("webhook_url") : current.WebhookUrl,
                WebhookSecret = body.Mentions("webhook_secret")
                    ? body.OptionalString("webhook_secret", 1000)
                    : current.WebhookSecret,
            };
        }
        if (next.Validate() is { } error) throw ApiErrors.Invalid(error.Setting, $"'{error.Setting}' {error.Rule}.");
        settings.Replace(next);
        await WriteAsync(context, next);
    }

    private static Task WriteAsync(HttpContext context, EmulatorSettings s) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new SettingsJson(s.Credits, s.GenerationSeconds, s.UrlTtlSeconds, s.ResultBytes,
                s.RateLimit > 0 ? s.RateLimit : null, s.WebhookUrl, s.WebhookSecret),
            EmulatorJson.Wire.SettingsJson);
}
