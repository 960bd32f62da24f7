using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Adsumo.Client;

/// <summary>
/// What this process has submitted to one service for one team (shared by every connection, runspace and
/// pipeline of the process with the same base URI and key): the generations it has claimed, and for each kind of
/// identical request how many are in flight and how many lost their answer and are being reconciled. A reconciler
/// uses it so that it never adopts a generation another submission of the process made or adopted, waits for
/// identical requests still in flight (whose answers will claim what they made) before counting, and knows how many
/// lost answers can explain the generations it finds.
/// </summary>
internal sealed class SubmissionLedger
{
    private const int MaxCachedGenerations = 100_000;
    private static readonly ConcurrentDictionary<string, SubmissionLedger> Ledgers = new(StringComparer.Ordinal);
    // Keys are told apart by an HMAC with a salt that lives only in this process: no key, nor a plain hash of one, is kept.
    private static readonly byte[] ProcessSalt = NewSalt();

    private readonly object _gate = new();
    private readonly HashSet<string> _claimed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Generation> _readById = new(StringComparer.OrdinalIgnoreCase);
    private TaskCompletionSource<bool> _changed = NewSignal();

    private SubmissionLedger()
    {
    }

    /// <summary>The ledger of one service and team, the same object for every client of the process.</summary>
    public static SubmissionLedger For(Uri baseUri, ApiKey key)
    {
        using var hmac = new HMACSHA256(ProcessSalt);
        var team = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(key.Reveal())));
        return Ledgers.GetOrAdd(baseUri.AbsoluteUri + " " + team, _ => new SubmissionLedger());
    }

    /// <summary>Whether a submission of this process made or adopted the generation.</summary>
    public bool IsClaimed(string id)
    {
        lock (_gate) return _claimed.Contains(id);
    }

    /// <summary>Claims a generation known to be this process's (a journal's record of an earlier run).</summary>
    public void Claim(string id)
    {
        lock (_gate) _claimed.Add(id);
    }

    /// <summary>A request is about to be sent.</summary>
    public Sending BeginSend(string fingerprint)
    {
        lock (_gate)
        {
            var group = GroupOf(fingerprint);
            group.InFlight++;
            group.Started++;
            return new Sending(this, fingerprint);
        }
    }

    /// <summary>A lost answer known from elsewhere (a journal's request that was never answered), to be reconciled later.</summary>
    public LostAnswer RegisterLost(string fingerprint)
    {
        lock (_gate)
        {
            GroupOf(fingerprint).Lost++;
            Signal();
            return new LostAnswer(this, fingerprint);
        }
    }

    /// <summary>Waits until no identical request is in flight; answers how many identical requests have been started.</summary>
    public async Task<long> QuietAsync(string fingerprint, CancellationToken cancellation)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var group = GroupOf(fingerprint);
                if (group.InFlight == 0) return group.Started;
                changed = _changed.Task;
            }
            await WaitAsync(changed, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>How many identical requests are in flight, and how many lost their answer and are unresolved.</summary>
    public (int InFlight, int Lost) Count(string fingerprint)
    {
        lock (_gate)
        {
            var group = GroupOf(fingerprint);
            return (group.InFlight, group.Lost);
        }
    }

    /// <summary>
    /// Decides a lost answer from the generations that match it, atomically with the claims: an identical request
    /// started or still in flight since <paramref name="startedBefore"/> makes the count stale (its generation may
    /// be among the candidates, to be claimed by its answer), so it is made again.
    /// </summary>
    public Decision Decide(LostAnswer self, long startedBefore, IReadOnlyList<string> candidates)
    {
        lock (_gate)
        {
            var group = GroupOf(self.Fingerprint);
            if (group.Started != startedBefore || group.InFlight > 0) return Decision.Stale;
            var unclaimed = candidates.Where(id => !_claimed.Contains(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (unclaimed.Count == 0) return Decision.None;
            // Each lost answer of the process made at most one generation: more candidates than that, and some were
            // made by someone else, and which is whose cannot be told.
            if (unclaimed.Count > group.Lost) return Decision.Ambiguous(unclaimed, group.Lost);
            var adopted = unclaimed[0];
            _claimed.Add(adopted);
            self.ResolveLocked();
            return Decision.Adopt(adopted);
        }
    }

    /// <summary>A generation read by id for reconciliation; details never change, so each is read once.</summary>
    public async Task<Generation> ReadAsync(string id, Func<Task<Generation>> read)
    {
        if (_readById.TryGetValue(id, out var known)) return known;
        var generation = await read().ConfigureAwait(false);
        if (_readById.Count >= MaxCachedGenerations) _readById.Clear();
        _readById[id] = generation;
        return generation;
    }

    private Group GroupOf(string fingerprint)
    {
        if (!_groups.TryGetValue(fingerprint, out var group))
        {
            group = new Group();
            _groups[fingerprint] = group;
        }
        return group;
    }

    // Called with the gate held: wakes every waiter, which then looks again.
    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult(true);
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task WaitAsync(Task changed, CancellationToken cancellation)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellation.Register(() => cancelled.TrySetCanceled(cancellation)))
        {
            await (await Task.WhenAny(changed, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private static byte[] NewSalt()
    {
        var salt = new byte[32];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(salt);
        return salt;
    }

    private sealed class Group
    {
        public int InFlight;
        public long Started;
        public int Lost;
    }

    /// <summary>One request in flight; it ends answered, lost, or certainly refused (or abandoned).</summary>
    public sealed class Sending : IDisposable
    {
        private readonly SubmissionLedger _ledger;
        private bool _ended;

        internal Sending(SubmissionLedger ledger, string fingerprint)
        {
            _ledger = ledger;
            Fingerprint = fingerprint;
        }

        public string Fingerprint { get; }

        /// <summary>Answered with this generation, which is now claimed.</summary>
        public void Answered(string generationId)
        {
            lock (_ledger._gate)
            {
                if (!End()) return;
                _ledger._claimed.Add(generationId);
            }
        }

        /// <summary>Its answer was lost: it is now a lost answer to reconcile.</summary>
        public LostAnswer Lost()
        {
            lock (_ledger._gate)
            {
                End();
                _ledger.GroupOf(Fingerprint).Lost++;
                return new LostAnswer(_ledger, Fingerprint);
            }
        }

        /// <summary>Refused, or abandoned (stopped): nothing more will come of it here.</summary>
        public void Dispose()
        {
            lock (_ledger._gate) End();
        }

        // Called with the gate held.
        private bool End()
        {
            if (_ended) return false;
            _ended = true;
            _ledger.GroupOf(Fingerprint).InFlight--;
            _ledger.Signal();
            return true;
        }
    }

    /// <summary>A request whose answer was lost, until it is resolved (adopted, found never made, or given up).</summary>
    public sealed class LostAnswer : IDisposable
    {
        private readonly SubmissionLedger _ledger;
        private bool _resolved;

        internal LostAnswer(SubmissionLedger ledger, string fingerprint)
        {
            _ledger = ledger;
            Fingerprint = fingerprint;
        }

        public string Fingerprint { get; }

        public void Dispose()
        {
            lock (_ledger._gate) ResolveLocked();
        }

        internal void ResolveLocked()
        {
            if (_resolved) return;
            _resolved = true;
            _ledger.GroupOf(Fingerprint).Lost--;
            _ledger.Signal();
        }
    }

    /// <summary>What reconciliation decided on one count.</summary>
    public sealed class Decision
    {
        public static readonly Decision Stale = new(DecisionKind.Stale, null, [], 0);
        public static readonly Decision None = new(DecisionKind.None, null, [], 0);

        private Decision(DecisionKind kind, string? adopted, IReadOnlyList<string> candidates, int lostAnswers)
        {
            Kind = kind;
            Adopted = adopted;
            Candidates = candidates;
            LostAnswers = lostAnswers;
        }

        public DecisionKind Kind { get; }

        public string? Adopted { get; }

        public IReadOnlyList<string> Candidates { get; }

        /// <summary>For an ambiguity, how many lost answers of the process could explain the candidates.</summary>
        public int LostAnswers { get; }

        public static Decision Adopt(string id) => new(DecisionKind.Adopt, id, [id], 0);

        public static Decision Ambiguous(IReadOnlyList<string> candidates, int lostAnswers) => new(DecisionKind.Ambiguous, null, candidates, lostAnswers);
    }

    public enum DecisionKind
    {
        /// <summary>An identical request was in flight meanwhile: count again.</summary>
        Stale,

        /// <summary>No unclaimed generation matches.</summary>
        None,

        /// <summary>One generation to adopt.</summary>
        Adopt,

        /// <summary>More matching generations than lost answers explain.</summary>
        Ambiguous,
    }
}
