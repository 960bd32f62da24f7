using System;
using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

internal sealed class ProductEndpoints(EmulatorRuntime runtime)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/products", List);
        routes.MapPost("/api/v1/products", CreateAsync);
        routes.MapGet("/api/v1/products/{id}", Get);
        routes.MapDelete("/api/v1/products/{id}", Delete);
    }

    private static Task List(HttpContext context)
    {
        var (limit, offset) = QueryParameters.Paging(context.Request);
        var team = context.Team();
        Product[] page;
        int total;
        lock (team.Sync)
        {
            page = team.Products.Page(offset, limit);
            total = team.Products.Count;
        }
        var data = Array.ConvertAll(page, ProductJson.From);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new PageJson<ProductJson>(data, new PaginationJson(total, limit, offset)), EmulatorJson.Wire.PageJsonProductJson);
    }

    private async Task CreateAsync(HttpContext context)
    {
        var team = context.Team();
        Product product;
        using (var body = await JsonBody.ReadAsync(context))
        {
            product = new Product(
                Guid.NewGuid(),
                body.RequiredString("name", Limits.ProductName),
                body.RequiredString("description", Limits.Description),
                body.RequiredString("category", Limits.ProductCategory),
                body.RequiredHttpUrl("image_url"),
                body.OptionalPrice("price"),
                body.OptionalMatch("currency", Patterns.Currency(), "USD")?.ToUpperInvariant() ?? "USD",
                body.OptionalHttpUrl("link"),
                runtime.Clock.GetUtcNow());
        }
        lock (team.Sync) team.Products.Add(product);
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, CreatedProductJson.From(product),
            EmulatorJson.Wire.CreatedProductJson);
    }

    private static Task Get(HttpContext context)
    {
        var id = PathIds.Read(context);
        var team = context.Team();
        Product? product;
        lock (team.Sync) team.Products.TryGet(id, out product);
        if (product is null) throw NotFound(id);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, ProductJson.From(product),
            EmulatorJson.Wire.ProductJson);
    }

    private static Task Delete(HttpContext context)
    {
        var id = PathIds.Read(context);
        var team = context.Team();
        lock (team.Sync)
        {
            if (!team.Products.TryGet(id, out _)) throw NotFound(id);
            if (team.IsInUse(id))
                throw ApiErrors.Conflict($"Product {id} has generations that refer to it, so it cannot be deleted.");
            team.Products.Remove(id);
        }
        JsonResponses.NoContent(context);
        return Task.CompletedTask;
    }

    private static ApiException NotFound(Guid id) => ApiErrors.NotFound($"No product {id} in this team.");
}
