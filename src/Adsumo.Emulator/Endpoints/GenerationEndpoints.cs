using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Adsumo.Emulator.Auth;
using Adsumo.Emulator.Hosting;
using Adsumo.Emulator.Http;
using Adsumo.Emulator.Json;
using Adsumo.Emulator.State;
using Adsumo.Emulator.Validation;
using Adsumo.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Adsumo.Emulator.Endpoints;

/// <summary>Reading generations. Every read settles a generation whose deadline has passed, so polling never lags.</summary>
internal sealed class GenerationEndpoints(EmulatorRuntime runtime)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/generations", List);
        routes.MapGet("/api/v1/generations/{id}", Get);
    }

    private Task List(HttpContext context)
    {
        var (limit, offset) = QueryParameters.Paging(context.Request);
        var type = QueryParameters.OptionalEnum(context.Request, "type", GenerationTypes.All);
        var status = QueryParameters.OptionalEnum(context.Request, "status", GenerationStatuses.All);
        var team = context.Team();
        var now = runtime.Clock.GetUtcNow();
        Generation[] page;
        int total;
        lock (team.Sync)
        {
            var source = type is null ? team.Generations : team.GenerationsOfType(type);
            if (status is null)
            {
                total = source.Count;
                page = source.Page(offset, limit);
            }
            else
            {
                (page, total) = ScanByStatus(source, status, offset, limit, now);
            }
        }

        var root = ServerAddress.RootOf(context.Request);
        var data = new GenerationItemJson[page.Length];
        for (var i = 0; i < page.Length; i++)
        {
            runtime.Lifecycle.SettleIfDue(page[i], now);
            data[i] = runtime.Views.Item(page[i], root);
        }
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new PageJson<GenerationItemJson>(data, new PaginationJson(total, limit, offset)),
            EmulatorJson.Wire.PageJsonGenerationItemJson);
    }

    /// <summary>
    /// Status changes with time, so no list is kept per status: this scan is the one list whose cost grows with the
    /// team's generations (of the type asked for).
    /// </summary>
    private (Generation[] Page, int Total) ScanByStatus(
        NewestFirstList<Generation> source, string status, int offset, int limit, DateTimeOffset now)
    {
        var page = new List<Generation>(Math.Min(limit, source.Count));
        var total = 0;
        foreach (var generation in source.NewestFirst())
        {
            runtime.Lifecycle.SettleIfDue(generation, now);
            if (generation.Status != status) continue;
            if (total >= offset && page.Count < limit) page.Add(generation);
            total++;
        }
        return (page.ToArray(), total);
    }

    private Task Get(HttpContext context)
    {
        var id = PathIds.Read(context);
        var team = context.Team();
        Generation? generation;
        lock (team.Sync) team.Generations.TryGet(id, out generation);
        if (generation is null) throw ApiErrors.NotFound($"No generation {id} in this team.");
        runtime.Lifecycle.SettleIfDue(generation, runtime.Clock.GetUtcNow());
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            runtime.Views.Full(generation, ServerAddress.RootOf(context.Request)), EmulatorJson.Wire.GenerationJson);
    }
}
