using System.Collections.Generic;
using System.Threading.Tasks;
using Adsumo.Emulator.Catalog;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

internal sealed class VoiceEndpoints
{
    public void Map(IEndpointRouteBuilder routes) => routes.MapGet("/api/v1/voices", List);

    public static string PreviewPath(string voiceId) => $"/_files/voices/{voiceId}.mp3";

    /// <summary>A voice_id field: an opaque string (not a UUID) that must name a voice of the catalogue.</summary>
    public static string RequiredVoice(JsonBody body)
    {
        var voiceId = body.RequiredString("voice_id", Limits.ShortString);
        if (!Voices.TryGet(voiceId, out _))
            throw ApiErrors.Invalid("voice_id", $"'voice_id' does not name a known voice ('{voiceId}'); see GET /voices.");
        return voiceId;
    }

    private static Task List(HttpContext context)
    {
        var request = context.Request;
        var (limit, offset) = QueryParameters.Paging(request);
        var gender = QueryParameters.OptionalEnum(request, "gender", Voices.Genders);
        var ageGroup = QueryParameters.OptionalEnum(request, "age_group", Voices.AgeGroups);
        var accent = QueryParameters.OptionalEnum(request, "accent", Voices.Accents);
        var style = QueryParameters.OptionalEnum(request, "style", Voices.Styles);

        var root = ServerAddress.RootOf(request);
        var page = new List<VoiceJson>();
        var total = 0;
        foreach (var voice in Voices.All)
        {
            if ((gender is not null && voice.Gender != gender) || (ageGroup is not null && voice.AgeGroup != ageGroup)
                || (accent is not null && voice.Accent != accent) || (style is not null && voice.Style != style))
                continue;
            if (total >= offset && page.Count < limit)
            {
                page.Add(new VoiceJson(voice.Id, voice.Name, voice.Gender, voice.AgeGroup, voice.Accent, voice.Style,
                    root + PreviewPath(voice.Id)));
            }
            total++;
        }
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new PageJson<VoiceJson>(page, new PaginationJson(total, limit, offset)), EmulatorJson.Wire.PageJsonVoiceJson);
    }
}
