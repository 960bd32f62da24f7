using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// A batch's journal: a JSON Lines file, append-only, that says of each submission what was about to be sent and
/// what came of it, so that a run that was killed can be started again without paying twice. Before a request is
/// sent its intent is on the device (flushed with fsync, several concurrent intents sharing one flush); its answer,
/// completion and saved file follow. The file is held with an exclusive lock: one process at a time; within the
/// process every pipeline and runspace that names the same file shares this one object. Its header holds a format
/// version and an HMAC of the service and the key with a random salt, never the key, so a journal is refused by
/// another team's connection.
/// </summary>
public sealed class Journal
{
    public const int FormatVersion = 1;
    private const string HeaderField = "adsumo_journal";
    private static readonly object Registry = new();
    private static readonly Dictionary<string, Journal> OpenJournals = new(PathComparer());

    private readonly FileStream _stream;
    private readonly byte[] _salt;
    private readonly byte[] _team;
    private readonly SubmissionLedger _ledger;
    private readonly object _state = new();
    private readonly Dictionary<string, JournalRow> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _keyByMade = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SemaphoreSlim> _keyLocks = new(StringComparer.Ordinal);
    // One writer loop appends what is queued; while it waits for the device, new records queue up and go together.
    private readonly List<(byte[] Line, TaskCompletionSource<bool>? Durable)> _pending = [];
    private readonly SemaphoreSlim _queued = new(0);
    private Task _writer = Task.CompletedTask;
    private bool _closing;
    private IOException? _broken;
    private int _references;

    private Journal(string path, FileStream stream, byte[] salt, byte[] team, SubmissionLedger ledger)
    {
        Path = path;
        _stream = stream;
        _salt = salt;
        _team = team;
        _ledger = ledger;
    }

    /// <summary>The journal's full path.</summary>
    public string Path { get; }

    /// <summary>How many records were skipped as a torn last line when it was opened (0 or 1).</summary>
    public int TornLines { get; private set; }

    /// <summary>
    /// Opens the journal for a connection, or shares it if this process already has it open. A journal that another
    /// process holds is refused at once (Adsumo.JournalInUse) and left untouched; one written with another key or for
    /// another service is refused (Adsumo.JournalTeamMismatch). Every Acquire needs a Release.
    /// </summary>
    public static Journal Acquire(string fullPath, AdsumoClient client)
    {
        lock (Registry)
        {
            if (OpenJournals.TryGetValue(fullPath, out var open))
            {
                open.CheckTeam(client);
                open._references++;
                return open;
            }
            var journal = OpenFile(fullPath, client);
            journal._references = 1;
            OpenJournals[fullPath] = journal;
            return journal;
        }
    }

    /// <summary>Gives the journal back; the last user closes it, flushing what is pending to the device.</summary>
    public void Release()
    {
        lock (Registry)
        {
            if (--_references > 0) return;
            // Closed before another pipeline of the process can open it again, which would find the file still locked.
            OpenJournals.Remove(Path);
            lock (_state) _closing = true;
            _queued.Release();
            try
            {
                // What is still queued reaches the device before the file is let go.
                _writer.GetAwaiter().GetResult();
            }
            finally
            {
                _stream.Dispose();
            }
        }
        lock (_state)
        {
            foreach (var row in _rows.Values)
            {
                row.OpenLost?.Dispose();
                row.OpenLost = null;
            }
        }
    }

    /// <summary>
    /// The entries of a journal, one per submission in the order they were first recorded: from this process's open
    /// journal when it has one, else read from the file (refused while another process holds it).
    /// </summary>
    public static IReadOnlyList<JournalEntry> ReadEntries(string fullPath)
    {
        lock (Registry)
        {
            if (OpenJournals.TryGetValue(fullPath, out var open)) return open.Entries();
        }
        using (var stream = OpenStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var content = JournalFile.Read(stream, fullPath);
            if (content.Header is null) return [];
            CheckVersion(content.Header.Value, fullPath);
            var reader = new Journal(fullPath, stream, [], [], null!);
            foreach (var record in content.Records) reader.Apply(record);
            return reader.Entries();
        }
    }

    /// <summary>A run of one pipeline: identical requests in it are numbered in order.</summary>
    public JournalRun BeginRun() => new(this);

    /// <summary>Every entry, in the order their keys first appeared.</summary>
    public IReadOnlyList<JournalEntry> Entries()
    {
        lock (_state) return _order.Select(k => _rows[k].ToEntry()).ToList();
    }

    /// <summary>The key of the submission that made a generation (or voiceover), if this journal knows it.</summary>
    public string? KeyOf(string madeId)
    {
        lock (_state) return _keyByMade.TryGetValue(madeId, out var key) ? key : null;
    }

    /// <summary>Records that a generation of the journal completed (once; later runs do not repeat it).</summary>
    public void RecordCompleted(string generationId) => RecordFinished(generationId, JournalState.Completed, null);

    /// <summary>Records that a generation of the journal failed, with the service's reason.</summary>
    public void RecordFailed(string generationId, string? reason) => RecordFinished(generationId, JournalState.Failed, reason);

    /// <summary>Records where a generation's (or voiceover's) file was saved.</summary>
    public void RecordSaved(string madeId, string path)
    {
        var key = KeyOf(madeId);
        if (key is null) return;
        lock (_state)
        {
            var row = _rows[key];
            if (row.State == JournalState.Saved && string.Equals(row.SavedPath, path, StringComparison.Ordinal)) return;
        }
        Append(new JournalLine("saved", key).With("generation_id", madeId).With("path", path));
    }

    private void RecordFinished(string generationId, string state, string? reason)
    {
        var key = KeyOf(generationId);
        if (key is null) return;
        lock (_state)
        {
            var row = _rows[key];
            if (row.State is JournalState.Completed or JournalState.Failed or JournalState.Saved) return;
        }
        var line = new JournalLine(state == JournalState.Completed ? "completed" : "failed", key).With("generation_id", generationId);
        if (reason is not null) line.With("message", SafeText.Line(reason, 500));
        Append(line);
    }

    // ---- used by runs and tickets ----

    internal SubmissionLedger Ledger => _ledger;

    internal async Task<IDisposable> LockKeyAsync(string key, CancellationToken cancellation)
    {
        SemaphoreSlim gate;
        lock (_state)
        {
            if (!_keyLocks.TryGetValue(key, out gate!))
            {
                gate = new SemaphoreSlim(1, 1);
                _keyLocks[key] = gate;
            }
        }
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        return new Releaser(gate);
    }

    /// <summary>What the journal holds for a key now; a snapshot.</summary>
    internal JournalRowSnapshot Snapshot(string key)
    {
        lock (_state)
        {
            if (!_rows.TryGetValue(key, out var row)) return JournalRowSnapshot.Empty;
            SubmissionLedger.LostAnswer? lost = null;
            if (row.State == JournalState.InDoubt && !row.IsMade)
            {
                // An earlier session's request (registered when the journal was opened), or one this session gave up on.
                lost = row.OpenLost ?? (row.Fingerprint is { } fingerprint ? _ledger.RegisterLost(fingerprint) : null);
                row.OpenLost = null;
            }
            return new JournalRowSnapshot(row.GenerationId, row.VoiceoverId, row.VoiceoverDuration, row.State, lost, row.LastIntentAt, row.Fingerprint);
        }
    }

    /// <summary>Queues a record and completes once it is on the device (an fsync, shared with whatever else is queued).</summary>
    internal Task AppendDurableAsync(JournalLine line) => Enqueue(line, durable: true);

    /// <summary>
    /// Queues a record; the writer hands it to the operating system at once (so a killed process does not lose it)
    /// without waiting for the device.
    /// </summary>
    internal void Append(JournalLine line) => Enqueue(line, durable: false);

    private Task Enqueue(JournalLine line, bool durable)
    {
        var bytes = line.ToBytes();
        var record = JournalLine.Parse(bytes);
        var done = durable ? new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        lock (_state)
        {
            if (_broken is not null) throw Unwritable(_broken);
            Apply(record);
            _pending.Add((bytes, done));
        }
        _queued.Release();
        return done?.Task ?? Task.CompletedTask;
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            await _queued.WaitAsync().ConfigureAwait(false);
            List<(byte[] Line, TaskCompletionSource<bool>? Durable)> batch;
            bool closing;
            lock (_state)
            {
                batch = [.. _pending];
                _pending.Clear();
                closing = _closing;
            }
            if (batch.Count > 0)
            {
                try
                {
                    foreach (var (line, _) in batch) _stream.Write(line, 0, line.Length);
                    // Group commit: one fsync covers every intent queued meanwhile, so concurrent submissions share it.
                    _stream.Flush(closing || batch.Exists(b => b.Durable is not null));
                    foreach (var (_, durable) in batch) durable?.TrySetResult(true);
                }
                catch (IOException e)
                {
                    lock (_state) _broken = e;
                    foreach (var (_, durable) in batch) durable?.TrySetException(Unwritable(e));
                }
            }
            if (closing) return;
        }
    }

    private AdsumoInputException Unwritable(IOException e) =>
        new(ErrorReason.InvalidJournal, "Journal", $"The journal '{Path}' could not be written ({SafeText.Line(e.Message, 200)}); nothing more is sent without it.");

    // ---- reading ----

    private void Apply(JsonElement record)
    {
        var op = Wire.String(record, "op");
        var key = Wire.String(record, "key");
        if (op is null || key is null) return;
        if (!_rows.TryGetValue(key, out var row))
        {
            row = new JournalRow(key);
            _rows[key] = row;
            _order.Add(key);
        }
        var at = Wire.Date(record, "at");
        switch (op)
        {
            case "intent":
                row.Endpoint = Wire.String(record, "endpoint") ?? row.Endpoint;
                row.CanonicalBody = record.TryGetProperty("body", out var body) ? body.GetRawText() : row.CanonicalBody;
                row.Request = Wire.String(record, "request") ?? row.Request;
                row.CreditsLow = Wire.Int(record, "credits_low");
                row.CreditsHigh = Wire.Int(record, "credits");
                row.Sends++;
                row.FirstIntentAt ??= at;
                row.LastIntentAt = at;
                row.Intent();
                break;
            case "submitted":
                row.GenerationId = Wire.String(record, "generation_id") ?? row.GenerationId;
                row.VoiceoverId = Wire.String(record, "voiceover_id") ?? row.VoiceoverId;
                row.VoiceoverDuration = Wire.Double(record, "duration") ?? row.VoiceoverDuration;
                row.AnsweredAt = at;
                row.ErrorId = null;
                row.Error = null;
                row.Candidates = [];
                if (row.GenerationId is { } generation) _keyByMade[generation] = key;
                if (row.VoiceoverId is { } voiceover) _keyByMade[voiceover] = key;
                row.Advance(JournalState.Submitted);
                break;
            case "not_created":
            case "in_doubt":
                row.ErrorId = Wire.String(record, "error");
                row.Error = Wire.String(record, "message");
                row.Candidates = record.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array
                    ? candidates.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "").Where(c => c.Length > 0).ToArray()
                    : [];
                if (op == "not_created") row.NotCreated();
                break;
            case "completed":
            case "failed":
                row.FinishedAt = at;
                if (op == "failed") row.Error = Wire.String(record, "message");
                row.Advance(op == "completed" ? JournalState.Completed : JournalState.Failed);
                break;
            case "saved":
                row.SavedPath = Wire.String(record, "path");
                row.SavedAt = at;
                row.Advance(JournalState.Saved);
                break;
        }
    }

    private static Journal OpenFile(string path, AdsumoClient client)
    {
        // Exclusive: on Linux and macOS too, where .NET takes an flock for FileShare.None.
        var stream = OpenStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            var content = JournalFile.Read(stream, path);
            Journal journal;
            if (content.Header is not { } header)
            {
                // Empty, or a header cut short by a kill before anything was sent: start the file afresh.
                var salt = NewSalt();
                journal = new Journal(path, stream, salt, TeamCode(salt, client), client.Submissions);
                stream.SetLength(0);
                var line = Encoding.UTF8.GetBytes(journal.HeaderJson(client) + "\n");
                stream.Write(line, 0, line.Length);
                stream.Flush(true);
                journal.Start();
                return journal;
            }
            CheckVersion(header, path);
            var storedSalt = Bytes(header, "team_salt");
            var storedTeam = Bytes(header, "team_hmac");
            if (storedSalt is null || storedTeam is null)
                throw new AdsumoInputException(ErrorReason.InvalidJournal, "Journal", $"The journal '{path}' has no team fingerprint in its header.");
            journal = new Journal(path, stream, storedSalt, storedTeam, client.Submissions);
            journal.CheckTeam(client);
            if (content.TornAt is { } torn)
            {
                // The last line was cut off by a kill while it was written: it was never acted on (an intent is
                // flushed before its request is sent), so it is dropped and the file goes on from a whole line.
                stream.SetLength(torn);
                journal.TornLines = 1;
            }
            stream.Seek(0, SeekOrigin.End);
            foreach (var record in content.Records) journal.Apply(record);
            journal.Register();
            journal.Start();
            return journal;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private void Start()
    {
        _writer = Task.Run(WriteAsync);
        // Marks where each run began, for people reading the file; the state ignores it.
        Append(new JournalLine("opened", null));
    }

    // What this process learns from the journal: the generations it made are claimed, and requests sent without
    // an answer count as lost answers until a run reconciles them.
    private void Register()
    {
        foreach (var row in _rows.Values)
        {
            if (row.GenerationId is { } id) _ledger.Claim(id);
            else if (row.State == JournalState.InDoubt && row.Fingerprint is { } fingerprint) row.OpenLost = _ledger.RegisterLost(fingerprint);
        }
    }

    private void CheckTeam(AdsumoClient client)
    {
        var code = TeamCode(_salt, client);
        var same = code.Length == _team.Length;
        for (var i = 0; i < code.Length && i < _team.Length; i++) same &= code[i] == _team[i];
        if (!same)
            throw new AdsumoInputException(ErrorReason.JournalTeamMismatch, "Journal",
                $"The journal '{Path}' was written with another API key or for another service than {client.BaseUri.AbsoluteUri.TrimEnd('/')}: its submissions are not this connection's. Use the key it was written with, or another journal.");
    }

    private static FileStream OpenStream(string path, FileMode mode, FileAccess access, FileShare share)
    {
        try
        {
            return new FileStream(path, mode, access, share);
        }
        catch (IOException e) when (IsLocked(e))
        {
            throw InUse(path);
        }
        catch (FileNotFoundException)
        {
            throw new AdsumoInputException(ErrorReason.InvalidJournal, "Path", $"There is no journal at '{path}'.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new AdsumoInputException(ErrorReason.FolderNotFound, "Journal", $"The folder of the journal '{path}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AdsumoInputException(ErrorReason.InvalidJournal, "Journal", $"The journal '{path}' cannot be opened: {SafeText.Line(e.Message, 200)}");
        }
    }

    private static void CheckVersion(JsonElement header, string path)
    {
        var version = Wire.Int(header, HeaderField);
        if (version is null)
            throw new AdsumoInputException(ErrorReason.InvalidJournal, "Journal", $"'{path}' is not an Adsumo journal: its first line is not a journal header.");
        if (version > FormatVersion)
            throw new AdsumoInputException(ErrorReason.InvalidJournal, "Journal", $"The journal '{path}' has format {version}, newer than this module reads ({FormatVersion}): update the module.");
    }

    private string HeaderJson(AdsumoClient client)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JournalLine.Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber(HeaderField, FormatVersion);
            writer.WriteString("created_at", JournalLine.Now());
            writer.WriteString("base_uri", client.BaseUri.AbsoluteUri);
            writer.WriteString("team_salt", Convert.ToBase64String(_salt));
            writer.WriteString("team_hmac", Convert.ToBase64String(_team));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static byte[] TeamCode(byte[] salt, AdsumoClient client)
    {
        using var hmac = new HMACSHA256(salt);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(client.BaseUri.AbsoluteUri + "\n" + client.Key.Reveal()));
    }

    private static byte[] NewSalt()
    {
        var salt = new byte[16];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(salt);
        return salt;
    }

    private static byte[]? Bytes(JsonElement header, string name)
    {
        try
        {
            return Wire.String(header, name) is { } text ? Convert.FromBase64String(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // A lock held by another process (or another open of the file). Windows says so with a sharing or lock
    // violation (32, 33); elsewhere .NET's lock is flock, which answers EWOULDBLOCK (11 on Linux, 35 on macOS).
    private static bool IsLocked(IOException e) =>
        e.GetType() == typeof(IOException)
        && (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? (e.HResult & 0xFFFF) is 32 or 33
            : e.HResult == (RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 35 : 11));

    private static AdsumoInputException InUse(string path) =>
        new(ErrorReason.JournalInUse, "Journal",
            $"The journal '{path}' is in use by another process (a run with it is still going). One process at a time may use a journal: wait for it to end, or stop it, then run again.");

    private static StringComparer PathComparer() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? StringComparer.OrdinalIgnoreCase
            : StringComparer.Ordinal;

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}

/// <summary>What a journal held for a key when a run took it up.</summary>
internal sealed class JournalRowSnapshot(
    string? generationId, string? voiceoverId, double? voiceoverDuration, string? state,
    SubmissionLedger.LostAnswer? inDoubt, DateTimeOffset? sentAt, string? fingerprint)
{
    public static readonly JournalRowSnapshot Empty = new(null, null, null, null, null, null, null);

    public string? GenerationId { get; } = generationId;
    public string? VoiceoverId { get; } = voiceoverId;
    public double? VoiceoverDuration { get; } = voiceoverDuration;
    public string? State { get; } = state;

    /// <summary>For a request sent without a recorded answer: its lost answer, registered with the ledger.</summary>
    public SubmissionLedger.LostAnswer? InDoubt { get; } = inDoubt;

    /// <summary>When its last request was about to be sent.</summary>
    public DateTimeOffset? SentAt { get; } = sentAt;

    /// <summary>The identity of the request the journal recorded for the key.</summary>
    public string? Fingerprint { get; } = fingerprint;
}
