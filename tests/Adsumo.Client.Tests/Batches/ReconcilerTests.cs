using System;
using System.Linq;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Batches;

/// <summary>
/// What reconciliation decides when a creation's answer is lost, against a real server on loopback whose
/// submissions are scripted one by one: one match is adopted, none (for the settle time) means it never arrived and
/// is sent again, several are an ambiguity and never a guess; generations claimed by this process are never
/// adopted; the service's clock may be hours off this machine's.
/// </summary>
public sealed class ReconcilerTests
{
    private static ConnectionSettings Quick(int maxResends = 2) => new()
    {
        MaxRetries = 2,
        RequestTimeout = TimeSpan.FromSeconds(10),
        RetryTimeout = TimeSpan.FromSeconds(30),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        ReconcileSettle = TimeSpan.FromSeconds(0.3),
        ReconcileLostSettle = TimeSpan.FromSeconds(0.6),
        MaxResends = maxResends,
    };

    private static ImageDraft Draft(string prompt = "A steel bottle on a rock") => new() { Prompt = prompt, Model = "fast", AspectRatio = "1:1" };

    private static async Task<(ScenarioServer Server, ImageService Service)> StartAsync(Func<int, Submit> script, TimeSpan? clockOffset = null)
    {
        var service = new ImageService(script, clockOffset);
        var server = await ScenarioServer.StartAsync(service.Handle);
        return (server, service);
    }

    [Theory]
    [InlineData(Submit.MadeThen500)]
    [InlineData(Submit.MadeThenReset)]
    public async Task Adopts_the_one_generation_a_lost_answer_made(Submit lost)
    {
        var (server, service) = await StartAsync(_ => lost);
        await using var _ = server;
        var log = new RecordingLog();

        var generation = await TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), log.Call());

        Assert.Equal(Assert.Single(service.Generations), generation.Id);
        Assert.Equal(1, service.Posts);
        Assert.Equal(1, generation.EstimatedCredits);
        Assert.Contains(log.VerboseLines, l => l.Contains("the answer was lost", StringComparison.Ordinal));
        Assert.Contains(log.VerboseLines, l => l.Contains($"found generation {generation.Id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Submit.Refused500)]
    [InlineData(Submit.RefusedReset)]
    public async Task Sends_again_when_no_generation_appears_within_the_settle_time(Submit refused)
    {
        var (server, service) = await StartAsync(i => i == 0 ? refused : Submit.Answer);
        await using var _ = server;
        var log = new RecordingLog();

        var generation = await TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), log.Call());

        Assert.Equal(2, service.Posts);
        Assert.Equal(Assert.Single(service.Generations), generation.Id);
        Assert.Contains(log.VerboseLines, l => l.Contains("never arrived; sending it again (send 2 of at most 3)", StringComparison.Ordinal));
        var posts = server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(posts[0].Body, posts[1].Body);
    }

    [Fact]
    public async Task Reports_a_creation_that_never_arrived_as_certainly_not_made_after_the_last_resend()
    {
        var (server, service) = await StartAsync(_ => Submit.Refused500);
        await using var _ = server;

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, Quick(maxResends: 1)).CreateGenerationAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.ServerError, error.Kind);
        Assert.False(error.MayHaveBeenCreated);
        Assert.Contains("was not created", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed twice", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RequestContextNote, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, service.Posts);
        Assert.Empty(service.Generations);
    }

    [Fact]
    public async Task Reports_an_ambiguity_naming_the_candidates_rather_than_guess()
    {
        var (server, service) = await StartAsync(_ => Submit.MadeThen500);
        await using var _ = server;
        // Another client of the team made the same request a moment before.
        var elsewhere = service.AddFromElsewhere("A steel bottle on a rock");

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.OutcomeAmbiguous, error.Kind);
        Assert.Equal("Adsumo.OutcomeAmbiguous", error.ErrorId);
        Assert.True(error.MayHaveBeenCreated);
        Assert.Equal(service.Generations.OrderBy(id => id), error.CandidateIds.OrderBy(id => id));
        Assert.Contains(elsewhere, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, service.Posts);
    }

    [Fact]
    public async Task Does_not_take_a_generation_whose_details_differ()
    {
        var (server, service) = await StartAsync(_ => Submit.MadeThen500);
        await using var _ = server;
        var other = service.AddFromElsewhere("A steel bottle on a rock, at night");
        var otherModel = service.AddFromElsewhere("A steel bottle on a rock", model: "pro");

        var generation = await TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), TestClients.Call());

        Assert.NotEqual(other, generation.Id);
        Assert.NotEqual(otherModel, generation.Id);
        Assert.Equal(3, service.Generations.Count);
        Assert.Equal(1, service.Posts);
    }

    [Fact]
    public async Task Never_adopts_a_generation_another_submission_of_the_process_claimed()
    {
        var (server, service) = await StartAsync(i => i == 1 ? Submit.Refused500 : Submit.Answer);
        await using var _ = server;
        // A second connection of the same process, to the same service with the same key: claims are shared.
        var first = await TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), TestClients.Call());

        var second = await TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), TestClients.Call());

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(3, service.Posts);
        Assert.Equal(new[] { first.Id, second.Id }, service.Generations);
    }

    [Fact]
    public async Task Identical_requests_whose_answers_are_all_lost_each_adopt_a_different_generation()
    {
        var (server, service) = await StartAsync(_ => Submit.MadeThen500);
        await using var _ = server;
        var clients = Enumerable.Range(0, 6).Select(_ => TestClients.For(server, Quick())).ToList();

        var made = await Task.WhenAll(clients.Select(c => c.CreateGenerationAsync(Draft(), TestClients.Call())));

        Assert.Equal(6, service.Posts);
        Assert.Equal(6, made.Select(g => g.Id).Distinct().Count());
        Assert.Equal(service.Generations.OrderBy(id => id), made.Select(g => g.Id).OrderBy(id => id));
    }

    [Theory]
    [InlineData(-7200)]
    [InlineData(-90)]
    [InlineData(3600)]
    public async Task Finds_what_a_lost_answer_made_when_the_service_clock_is_off(int offsetSeconds)
    {
        var (server, service) = await StartAsync(_ => Submit.MadeThen500, TimeSpan.FromSeconds(offsetSeconds));
        await using var _ = server;
        // An identical generation from ten minutes before the request (on the service's clock) is not this request's.
        service.AddFromElsewhere("A steel bottle on a rock", age: TimeSpan.FromMinutes(10));

        var generation = await TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), TestClients.Call());

        Assert.Equal(service.Generations.Last(), generation.Id);
        Assert.Equal(1, service.Posts);
    }

    [Fact]
    public async Task Says_the_outcome_is_unknown_when_the_generations_cannot_be_listed()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Request.Method == "POST"
            ? e.Json(500, Payloads.Error("internal_error", "Boom"))
            : e.Json(403, Payloads.Error("forbidden", "Not allowed")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() =>
            TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.OutcomeUnknown, error.Kind);
        Assert.True(error.MayHaveBeenCreated);
        Assert.Equal(AdsumoErrorKind.Forbidden, Assert.IsType<AdsumoException>(error.InnerException).Kind);
        Assert.Single(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_voiceover_whose_answer_is_lost_is_in_doubt_and_never_sent_again()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(500, Payloads.Error("internal_error", "Boom")));
        var draft = new VoiceoverDraft { Text = "Hello.", VoiceId = "EXAVITQu4vr4xnSDxMaL" };

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server, Quick()).CreateVoiceoverAsync(draft, TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.OutcomeUnknown, error.Kind);
        Assert.True(error.MayHaveBeenCreated);
        Assert.Equal(500, error.StatusCode);
        Assert.Contains("cannot be listed", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_refusal_that_certainly_made_nothing_is_not_reconciled()
    {
        await using var server = await ScenarioServer.StartAsync(e => e.Json(400, Payloads.Error("invalid_request", "No", "prompt")));

        var error = await Assert.ThrowsAsync<AdsumoException>(() => TestClients.For(server, Quick()).CreateGenerationAsync(Draft(), TestClients.Call()));

        Assert.Equal(AdsumoErrorKind.InvalidRequest, error.Kind);
        Assert.False(error.MayHaveBeenCreated);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Prices_a_generation_read_back_by_id_from_its_details()
    {
        var (server, service) = await StartAsync(_ => Submit.Answer);
        await using var _ = server;
        var id = service.AddFromElsewhere("Made by the dashboard", model: "pro");

        var read = await TestClients.For(server, Quick()).GetGenerationAsync(id, TestClients.Call());

        Assert.Equal(2, read.EstimatedCredits);
    }

    private const string RequestContextNote = "It was not sent again because the service may have acted on it";
}
