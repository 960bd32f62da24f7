using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Catalog;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.Settings;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Control;

/// <summary>Creates a team's data in one call, free of charge: for paging tests and big listings.</summary>
internal sealed class SeedControl(EmulatorRuntime runtime)
{
    public const int MaxCount = 10_000;
    public const string SeededFailureMessage = "Seeded as failed.";

    public void Map(IEndpointRouteBuilder routes) => routes.MapPost("/_emulator/seed", SeedAsync);

    private async Task SeedAsync(HttpContext context)
    {
        var team = runtime.Teams.GetOrAdd(ApiKeys.Read(context.Request.Headers.Authorization));
        int products, avatars, count;
        string type, status;
        double seconds;
        using (var body = await JsonBody.ReadOptionalAsync(context))
        {
            products = body.Integer("products", 0, MaxCount, 0);
            avatars = body.Integer("custom_avatars", 0, MaxCount, 0);
            using var generations = body.OptionalNested("generations");
            count = generations?.Integer("count", 0, MaxCount, 0) ?? 0;
            type = generations?.OptionalEnum("type", GenerationTypes.All) ?? GenerationTypes.Image;
            status = generations?.OptionalEnum("status", GenerationStatuses.All) ?? GenerationStatuses.Completed;
            seconds = generations?.OptionalNumber("seconds", -1, EmulatorSettings.MaxGenerationSeconds)
                ?? runtime.Settings.Current.GenerationSeconds;
            if (seconds < 0 && seconds != -1)
                throw ApiErrors.Invalid("seconds", "'seconds' must be 0 or more, or -1 (never finish by itself).");
        }

        var now = runtime.Clock.GetUtcNow();
        var productIds = new List<Guid>(products);
        var avatarIds = new List<Guid>(avatars);
        var generationIds = new List<Guid>(count);
        lock (team.Sync)
        {
            for (var i = 1; i <= products; i++)
            {
                var product = new Product(Guid.NewGuid(), $"Seeded product {N(i)}", "Seeded by the emulator.", "Seeded",
                    $"https://example.com/seed/product-{N(i)}.png", 9.99m, "USD", null, now);
                team.Products.Add(product);
                productIds.Add(product.Id);
            }
            for (var i = 1; i <= avatars; i++)
            {
                var avatar = new CustomAvatar(Guid.NewGuid(), $"Seeded avatar {N(i)}",
                    $"https://example.com/seed/avatar-{N(i)}.png", "Seeded by the emulator.", now);
                team.CustomAvatars.Add(avatar);
                avatarIds.Add(avatar.Id);
            }
            for (var i = 1; i <= count; i++)
            {
                var generation = Seeded(type, status, seconds, now, i);
                runtime.Generations.Add(team, generation);
                generationIds.Add(generation.Id);
            }
        }
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created,
            new SeedResultJson(productIds, avatarIds, generationIds), EmulatorJson.Wire.SeedResultJson);
    }

    private static Generation Seeded(string type, string status, double seconds, DateTimeOffset now, int number)
    {
        var prompt = $"Seeded prompt {N(number)}";
        object details = type switch
        {
            GenerationTypes.TalkingAvatar => new TalkingAvatarDetailsJson(PlatformAvatars.All[0].Id, "platform",
                prompt, Voices.All[0].Id, null, Voiceover.DurationOf(prompt), "heygen-avatar4", null),
            GenerationTypes.AiVideo => new AiVideoDetailsJson(prompt, "sora-2", 10, "16:9"),
            _ => new ImageDetailsJson(prompt, "fast", "1:1", "1k", 1),
        };
        var outcome = status switch
        {
            GenerationStatuses.Completed => GenerationOutcome.Completed(now),
            GenerationStatuses.Failed => GenerationOutcome.Failed(now, SeededFailureMessage),
            _ => null,
        };
        var deadline = outcome is null ? GenerationBook.DeadlineFor(now, seconds) : null;
        return new Generation(Guid.NewGuid(), type, now, deadline, false, details, null, outcome);
    }

    private static string N(int number) => number.ToString(CultureInfo.InvariantCulture);
}
