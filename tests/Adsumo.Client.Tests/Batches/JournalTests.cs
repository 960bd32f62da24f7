using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Batches;

/// <summary>
/// The journal of a batch, against a real server on loopback and a real file: the intent is on disk before the
/// request leaves, a run started again sends nothing twice (what was made is read back, what was in flight is looked
/// for first), identical requests are told apart by their occurrence, a torn last line is dropped, and another
/// team's journal is refused without a byte changed.
/// </summary>
public sealed class JournalTests
{
    private static ConnectionSettings Quick() => new()
    {
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        ReconcileSettle = TimeSpan.FromSeconds(0.3),
        ReconcileLostSettle = TimeSpan.FromSeconds(0.6),
    };

    private static ImageDraft Draft(string prompt = "A bottle") => new() { Prompt = prompt, Model = "fast", AspectRatio = "1:1" };

    /// <summary>A folder with a journal path in it, and a service that makes and answers every submission.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly TempFolder _folder = new();

        private Setup(ScenarioServer server, ImageService service)
        {
            Server = server;
            Service = service;
            Path = _folder.File("j.jsonl");
        }

        public ScenarioServer Server { get; }
        public ImageService Service { get; }
        public string Path { get; }

        public static async Task<Setup> StartAsync()
        {
            var service = new ImageService(_ => Submit.Answer);
            return new Setup(await ScenarioServer.StartAsync(service.Handle), service);
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            _folder.Dispose();
        }
    }

    private static async Task<Generation> SubmitAsync(AdsumoClient client, JournalRun run, ImageDraft draft, string? key = null)
    {
        draft.Validate();
        var ticket = run.Ticket(draft.Identity(), draft.Describe(), key);
        return await client.CreateGenerationAsync(draft, TestClients.Call(), ticket);
    }

    [Fact]
    public async Task Writes_the_intent_to_disk_before_the_request_leaves()
    {
        using var folder = new TempFolder();
        var path = folder.File("j.jsonl");
        long? sizeWhenPosted = null;
        var service = new ImageService(_ => Submit.Answer);
        await using var server = await ScenarioServer.StartAsync(e =>
        {
            if (e.Request.Method == "POST") sizeWhenPosted = new FileInfo(path).Length;
            return service.Handle(e);
        });
        var client = TestClients.For(server, Quick());
        var journal = Journal.Acquire(path, client);
        long sizeBefore;
        try
        {
            sizeBefore = new FileInfo(path).Length;
            await SubmitAsync(client, journal.BeginRun(), Draft());
        }
        finally
        {
            journal.Release();
        }

        Assert.NotNull(sizeWhenPosted);
        Assert.True(sizeWhenPosted > sizeBefore, "the intent was not on disk when the request arrived");
        var lines = File.ReadAllLines(path);
        Assert.Contains("\"adsumo_journal\":1", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.KeyText.Substring(10), File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("\"op\":\"intent\"", StringComparison.Ordinal) && l.Contains("\"prompt\":\"A bottle\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"op\":\"submitted\"", StringComparison.Ordinal) && l.Contains(service.Generations.Single(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_started_again_sends_nothing_it_already_made_and_tells_identical_rows_apart()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        var drafts = new[] { Draft("Red"), Draft("Blue"), Draft("Red") };

        var first = await RunAsync(path, TestClients.For(server, Quick()), drafts);
        var again = await RunAsync(path, TestClients.For(server, Quick()), drafts);

        Assert.Equal(3, service.Posts);
        Assert.Equal(3, first.Select(g => g.Id).Distinct().Count());
        Assert.Equal(first.Select(g => g.Id), again.Select(g => g.Id));
        Assert.All(again, g => Assert.Equal(1, g.EstimatedCredits));
        var entries = Journal.ReadEntries(path);
        Assert.Equal(3, entries.Count);
        Assert.Equal(new[] { "#1", "#1", "#2" }, entries.Select(e => e.Key.Substring(e.Key.LastIndexOf('#'))));
        Assert.All(entries, e => Assert.Equal(JournalState.Submitted, e.State));
    }

    [Fact]
    public async Task A_named_key_is_the_identity_whatever_the_request()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        var client = TestClients.For(server, Quick());

        var journal = Journal.Acquire(path, client);
        try
        {
            var run = journal.BeginRun();
            var made = await SubmitAsync(client, run, Draft("SKU 1 first wording"), "SKU-1");
            var again = await SubmitAsync(client, journal.BeginRun(), Draft("SKU 1 second wording"), "SKU-1");
            Assert.Equal(made.Id, again.Id);
        }
        finally
        {
            journal.Release();
        }
        Assert.Equal(1, service.Posts);
        Assert.Equal("SKU-1", Assert.Single(Journal.ReadEntries(path)).Key);
    }

    [Fact]
    public async Task A_request_in_flight_when_the_run_died_is_found_and_not_sent_again()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        await RecordIntentOnlyAsync(path, TestClients.For(server, Quick()), Draft());
        // The killed run's request did arrive: the service made it, the journal never heard.
        var made = service.AddFromElsewhere("A bottle");

        var resumed = await RunAsync(path, TestClients.For(server, Quick()), [Draft()]);

        Assert.Equal(made, Assert.Single(resumed).Id);
        Assert.Equal(0, service.Posts);
        var entry = Assert.Single(Journal.ReadEntries(path));
        Assert.Equal(JournalState.Submitted, entry.State);
        Assert.Equal(1, entry.Sends);
    }

    [Fact]
    public async Task A_request_in_flight_when_the_run_died_that_never_arrived_is_sent()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        await RecordIntentOnlyAsync(path, TestClients.For(server, Quick()), Draft());

        var resumed = await RunAsync(path, TestClients.For(server, Quick()), [Draft()]);

        Assert.Equal(1, service.Posts);
        Assert.Equal(service.Generations.Single(), Assert.Single(resumed).Id);
        Assert.Equal(2, Assert.Single(Journal.ReadEntries(path)).Sends);
    }

    [Fact]
    public async Task Drops_a_torn_last_line_and_carries_on()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        var first = await RunAsync(path, TestClients.For(server, Quick()), [Draft("One")]);
        var whole = File.ReadAllBytes(path);
        // A kill in the middle of writing a record: part of a line, no newline.
        File.AppendAllText(path, "{\"op\":\"intent\",\"key\":\"text-to-image:abc#1\",\"at\":\"2026-");

        var client = TestClients.For(server, Quick());
        var journal = Journal.Acquire(path, client);
        try
        {
            Assert.Equal(1, journal.TornLines);
            Assert.Equal(first[0].Id, (await SubmitAsync(client, journal.BeginRun(), Draft("One"))).Id);
            await SubmitAsync(client, journal.BeginRun(), Draft("Two"));
        }
        finally
        {
            journal.Release();
        }
        var after = File.ReadAllBytes(path);
        Assert.Equal(whole, after.Take(whole.Length));
        Assert.Equal(2, service.Posts);
        Assert.All(File.ReadAllLines(path), line => Assert.StartsWith("{", line, StringComparison.Ordinal));
        Assert.Equal(2, Journal.ReadEntries(path).Count);
    }

    [Fact]
    public async Task Refuses_a_damaged_line_in_the_middle()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        await RunAsync(path, TestClients.For(server, Quick()), [Draft("One")]);
        File.AppendAllText(path, "garbage\n{\"op\":\"opened\"}\n");

        var error = Assert.Throws<AdsumoInputException>(() => Journal.Acquire(path, TestClients.For(server, Quick())));

        Assert.Equal(ErrorReason.InvalidJournal, error.Reason);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_another_teams_journal_and_leaves_it_untouched()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        await RunAsync(path, TestClients.For(server, Quick()), [Draft()]);
        var before = File.ReadAllBytes(path);
        var otherTeam = new AdsumoClient(server.BaseUri, ApiKey.From(TestClients.Secure("adsumo_sk_other_team_0123456789"), "ApiKey"), Quick());

        var error = Assert.Throws<AdsumoInputException>(() => Journal.Acquire(path, otherTeam));

        Assert.Equal(ErrorReason.JournalTeamMismatch, error.Reason);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Refuses_a_journal_whose_file_another_holder_has_locked_and_leaves_it_untouched()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        await RunAsync(path, TestClients.For(server, Quick()), [Draft()]);
        var before = File.ReadAllBytes(path);

        // The lock the module takes (an exclusive open), held elsewhere.
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<AdsumoInputException>(() => Journal.Acquire(path, TestClients.For(server, Quick())));
            Assert.Equal(ErrorReason.JournalInUse, error.Reason);
            var reading = Assert.Throws<AdsumoInputException>(() => Journal.ReadEntries(path));
            Assert.Equal(ErrorReason.JournalInUse, reading.Reason);
        }

        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Starts_afresh_when_only_a_torn_header_is_there()
    {
        await using var setup = await Setup.StartAsync();
        var (path, server) = (setup.Path, setup.Server);
        File.WriteAllText(path, "{\"adsumo_jour");

        await RunAsync(path, TestClients.For(server, Quick()), [Draft()]);

        Assert.StartsWith("{\"adsumo_journal\":1,", File.ReadAllLines(path)[0], StringComparison.Ordinal);
        Assert.Single(Journal.ReadEntries(path));
    }

    [Fact]
    public async Task Two_runs_of_one_process_share_one_journal_and_make_each_submission_once()
    {
        await using var setup = await Setup.StartAsync();
        var (path, service, server) = (setup.Path, setup.Service, setup.Server);
        var drafts = Enumerable.Range(1, 20).Select(i => Draft($"Row {i}")).ToArray();

        var both = await Task.WhenAll(RunAsync(path, TestClients.For(server, Quick()), drafts), RunAsync(path, TestClients.For(server, Quick()), drafts));

        Assert.Equal(20, service.Posts);
        Assert.Equal(both[0].Select(g => g.Id), both[1].Select(g => g.Id));
        Assert.Equal(20, Journal.ReadEntries(path).Count);
    }

    [Fact]
    public async Task Pipelines_that_open_and_close_it_at_the_same_time_never_find_it_locked()
    {
        await using var setup = await Setup.StartAsync();
        var (path, client) = (setup.Path, TestClients.For(setup.Server, Quick()));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++) Journal.Acquire(path, client).Release();
        })));

        Assert.Empty(Journal.ReadEntries(path));
    }

    private static async Task<Generation[]> RunAsync(string path, AdsumoClient client, ImageDraft[] drafts)
    {
        var journal = Journal.Acquire(path, client);
        try
        {
            var run = journal.BeginRun();
            var made = new Generation[drafts.Length];
            for (var i = 0; i < drafts.Length; i++) made[i] = await SubmitAsync(client, run, drafts[i]);
            return made;
        }
        finally
        {
            journal.Release();
        }
    }

    /// <summary>A run killed between writing its intent and hearing the answer.</summary>
    private static async Task RecordIntentOnlyAsync(string path, AdsumoClient client, ImageDraft draft)
    {
        draft.Validate();
        var journal = Journal.Acquire(path, client);
        try
        {
            var ticket = journal.BeginRun().Ticket(draft.Identity(), draft.Describe(), null);
            await ticket.RecordIntentAsync(draft.Estimate());
        }
        finally
        {
            journal.Release();
        }
        Assert.Contains("\"op\":\"intent\"", Encoding.UTF8.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
    }
}
