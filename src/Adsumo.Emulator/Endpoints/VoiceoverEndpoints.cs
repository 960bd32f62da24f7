using System;
using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Pricing;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

/// <summary>Text to speech is synchronous: the voiceover is complete in the answer.</summary>
internal sealed class VoiceoverEndpoints(EmulatorRuntime runtime)
{
    public void Map(IEndpointRouteBuilder routes) => routes.MapPost("/api/v1/voiceovers/text-to-speech", CreateAsync);

    private async Task CreateAsync(HttpContext context)
    {
        var team = context.Team();
        Voiceover voiceover;
        using (var body = await JsonBody.ReadAsync(context))
        {
            var text = body.RequiredString("text", Limits.Text);
            var voiceId = VoiceEndpoints.RequiredVoice(body);
            var model = body.OptionalString("model", Limits.ShortString);
            body.OptionalObject("voice_settings");
            voiceover = new Voiceover(Guid.NewGuid(), text, voiceId, model, Voiceover.DurationOf(text),
                runtime.Clock.GetUtcNow());
        }

        lock (team.Sync)
        {
            CreditLedger.Charge(team, CreditPrices.Voiceover, runtime.Settings.Current.Credits);
            team.Voiceovers.Add(voiceover.Id, voiceover);
        }
        runtime.Teams.Register(voiceover);
        var audioUrl = runtime.Urls.ForVoiceover(ServerAddress.RootOf(context.Request), voiceover);
        await JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new VoiceoverJson(voiceover.Id, "completed", voiceover.Duration, audioUrl), EmulatorJson.Wire.VoiceoverJson);
    }
}
