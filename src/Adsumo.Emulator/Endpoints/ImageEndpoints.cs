using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Pricing;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

/// <summary>Text-to-image and product shots: both make generations of type <c>image</c>, priced alike.</summary>
internal sealed class ImageEndpoints(EmulatorRuntime runtime)
{
    public static readonly string[] Models = ["fast", "pro"];
    public static readonly string[] Resolutions = ["1k", "2k", "4k"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/images/text-to-image", TextToImageAsync);
        routes.MapPost("/api/v1/images/product-shots", ProductShotsAsync);
    }

    private async Task TextToImageAsync(HttpContext context)
    {
        var team = context.Team();
        ImageDetailsJson details;
        using (var body = await JsonBody.ReadAsync(context))
        {
            var prompt = body.RequiredString("prompt", Limits.Text);
            var model = body.RequiredEnum("model", Models);
            var aspectRatio = body.RequiredMatch("aspect_ratio", Patterns.AspectRatio(), "1:1");
            var quantity = body.Integer("quantity", 1, Limits.MaxQuantity, 1);
            var resolution = body.OptionalEnum("resolution", Resolutions) ?? Resolutions[0];
            details = new ImageDetailsJson(prompt, model, aspectRatio, resolution, quantity);
        }

        Generation generation;
        lock (team.Sync)
        {
            generation = runtime.Generations.Submit(team, GenerationTypes.Image,
                CreditPrices.Images(details.Model, details.Resolution, details.Quantity), details,
                GenerationBook.AsksToFail(details.Prompt), null);
        }
        await Submissions.AcceptedAsync(context, generation);
    }

    private async Task ProductShotsAsync(HttpContext context)
    {
        var team = context.Team();
        ProductShotDetailsJson details;
        using (var body = await JsonBody.ReadAsync(context))
        {
            var productId = body.RequiredUuid("product_id");
            var styleId = body.RequiredMatch("style_id", Patterns.Slug(), "lifestyle-outdoor");
            var model = body.RequiredEnum("model", Models);
            var aspectRatio = body.RequiredMatch("aspect_ratio", Patterns.AspectRatio(), "1:1");
            var quantity = body.Integer("quantity", 1, Limits.MaxQuantity, 1);
            var resolution = body.OptionalEnum("resolution", Resolutions) ?? Resolutions[0];
            var additionalPrompt = body.OptionalString("additional_prompt", Limits.Text);
            details = new ProductShotDetailsJson(additionalPrompt, model, aspectRatio, resolution, quantity, productId,
                styleId, additionalPrompt);
        }

        Generation generation;
        lock (team.Sync)
        {
            if (!team.Products.TryGet(details.ProductId, out _))
                throw ApiErrors.Invalid("product_id", "'product_id' does not name one of the team's products.");
            generation = runtime.Generations.Submit(team, GenerationTypes.Image,
                CreditPrices.Images(details.Model, details.Resolution, details.Quantity), details,
                GenerationBook.AsksToFail(details.AdditionalPrompt), details.ProductId);
        }
        await Submissions.AcceptedAsync(context, generation);
    }
}
