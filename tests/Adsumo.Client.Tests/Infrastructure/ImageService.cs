using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>What a text-to-image submission does on an <see cref="ImageService"/>.</summary>
public enum Submit
{
    /// <summary>Made, and answered 202.</summary>
    Answer,

    /// <summary>Made, then answered 500: a lost answer.</summary>
    MadeThen500,

    /// <summary>Made, then the connection dropped: a lost answer.</summary>
    MadeThenReset,

    /// <summary>Not made, answered 500.</summary>
    Refused500,

    /// <summary>Not made, the connection dropped.</summary>
    RefusedReset,
}

/// <summary>
/// A small image service for a <see cref="ScenarioServer"/>: text-to-image submissions that a test scripts one by
/// one (made or not, answered or not), the generations list newest first and reads by id with details, stamped
/// with a clock that may be set off from this machine's (its Date header says so too). Generations can also be
/// added from outside, as another client of the same team would make them.
/// </summary>
public sealed class ImageService
{
    private readonly object _gate = new();
    private readonly List<Made> _made = [];
    private readonly Func<int, Submit> _script;
    private int _posts = -1;

    public ImageService(Func<int, Submit> script, TimeSpan? clockOffset = null)
    {
        _script = script;
        ClockOffset = clockOffset ?? TimeSpan.Zero;
    }

    /// <summary>How far the service's clock is from this machine's.</summary>
    public TimeSpan ClockOffset { get; }

    /// <summary>Every generation the service holds, oldest first.</summary>
    public IReadOnlyList<string> Generations
    {
        get { lock (_gate) return _made.Select(m => m.Id).ToList(); }
    }

    /// <summary>How many submissions arrived.</summary>
    public int Posts => Volatile.Read(ref _posts) + 1;

    /// <summary>Adds a generation as another client would make it: same team, made <paramref name="age"/> ago on the service's clock.</summary>
    public string AddFromElsewhere(string prompt, string model = "fast", TimeSpan? age = null)
    {
        lock (_gate)
        {
            var made = new Made(Guid.NewGuid().ToString(), Now() - (age ?? TimeSpan.Zero), prompt, model);
            _made.Add(made);
            return made.Id;
        }
    }

    public Task Handle(Exchange e)
    {
        e.Context.Response.Headers.Date = Now().ToString("r", CultureInfo.InvariantCulture);
        var path = e.Request.Path;
        if (e.Request.Method == "POST" && path.EndsWith("/images/text-to-image", StringComparison.Ordinal)) return SubmitAsync(e);
        if (e.Request.Method == "GET" && path.EndsWith("/generations", StringComparison.Ordinal)) return ListAsync(e);
        if (e.Request.Method == "GET" && path.Contains("/generations/")) return ReadAsync(e, path.Substring(path.LastIndexOf('/') + 1));
        return e.Json(404, Payloads.Error("not_found", "No such endpoint."));
    }

    private Task SubmitAsync(Exchange e)
    {
        var what = _script(Interlocked.Increment(ref _posts));
        Made? made = null;
        if (what is Submit.Answer or Submit.MadeThen500 or Submit.MadeThenReset)
        {
            using var body = JsonDocument.Parse(e.Request.Body);
            var root = body.RootElement;
            made = new Made(Guid.NewGuid().ToString(), Now(), root.GetProperty("prompt").GetString()!, root.GetProperty("model").GetString()!);
            lock (_gate) _made.Add(made);
        }
        switch (what)
        {
            case Submit.Answer:
                return e.Json(202, $$"""{"generation_id":"{{made!.Id}}","type":"image","status":"processing"}""");
            case Submit.MadeThen500:
            case Submit.Refused500:
                return e.Json(500, Payloads.Error("internal_error", "Boom"));
            default:
                e.Abort();
                return Task.CompletedTask;
        }
    }

    private Task ListAsync(Exchange e)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(e.Request.Query);
        var limit = query.TryGetValue("limit", out var l) ? int.Parse(l!, CultureInfo.InvariantCulture) : 20;
        var offset = query.TryGetValue("offset", out var o) ? int.Parse(o!, CultureInfo.InvariantCulture) : 0;
        List<Made> all;
        lock (_gate) all = Enumerable.Reverse(_made).ToList();
        var page = all.Skip(offset).Take(limit).Select(m => Item(m, details: false));
        return e.Json(200, Payloads.Page(page, all.Count, limit, offset));
    }

    private Task ReadAsync(Exchange e, string id)
    {
        Made? made;
        lock (_gate) made = _made.FirstOrDefault(m => m.Id == id);
        return made is null ? e.Json(404, Payloads.Error("not_found", "No such generation.")) : e.Json(200, Item(made, details: true));
    }

    private DateTimeOffset Now() => DateTimeOffset.UtcNow + ClockOffset;

    // Whole seconds, as the service stamps them.
    private static string Item(Made m, bool details) =>
        $$"""{"id":"{{m.Id}}","type":"image","status":"processing","created_at":"{{m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}","completed_at":null,"result_url":null{{(details ? $$""","details":{"prompt":{{JsonSerializer.Serialize(m.Prompt)}},"model":"{{m.Model}}","aspect_ratio":"1:1","resolution":"1k","quantity":1}""" : "")}}}""";

    private sealed record Made(string Id, DateTimeOffset CreatedAt, string Prompt, string Model);
}
