using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Adsumo.Client;
using Adsumo.Infrastructure;

namespace Adsumo.Completion;

/// <summary>
/// Completes ids from the API with the connection the command would use. Tab completion must stay quick, so the
/// lists are cached for a minute per connection and a slow or failing service simply completes nothing.
/// </summary>
public abstract class ApiCompleter : IArgumentCompleter
{
    private static readonly TimeSpan CacheLife = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
    // Per client, that is per connection: a key shows only its last four characters, so two teams' keys could
    // look alike, and a cache keyed by what a connection shows would complete one team's ids for the other.
    private static readonly ConditionalWeakTable<AdsumoClient, ConcurrentDictionary<Type, (DateTime At, IReadOnlyList<(string Id, string Label)> Items)>> Cache = new();

    /// <summary>The candidates: the id to insert and a label to show.</summary>
    private protected abstract Task<IReadOnlyList<(string Id, string Label)>> ReadAsync(AdsumoClient client, CallContext call);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        IReadOnlyList<(string Id, string Label)> items;
        try
        {
            var connection = (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as Connection
                ?? fakeBoundParameters?["Connection"] as Connection
                ?? Connections.DefaultForCompletion
                ?? Connections.FromEnvironmentVariables();
            if (connection is null) return [];
            var client = Connections.ClientOf(connection);
            var lists = Cache.GetValue(client, _ => new());
            if (!lists.TryGetValue(GetType(), out var cached) || DateTime.UtcNow - cached.At > CacheLife)
            {
                using var budget = new CancellationTokenSource(Budget);
                cached = (DateTime.UtcNow, Task.Run(() => ReadAsync(client, CallContext.Silent(budget.Token))).GetAwaiter().GetResult());
                lists[GetType()] = cached;
            }
            items = cached.Items;
        }
        catch (Exception e) when (e is AdsumoException or OperationCanceledException or AdsumoInputException)
        {
            return [];
        }
        return items
            .Where(i => i.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || i.Label.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(i => new CompletionResult(i.Id, i.Label, CompletionResultType.ParameterValue, $"{i.Label} ({i.Id})"));
    }

    private protected static async Task<IReadOnlyList<(string Id, string Label)>> ReadPagesAsync<T>(PagedQuery<T> query, Func<T, (string, string)> map, CallContext call)
    {
        using (query)
        {
            return (await query.ReadAllAsync(call).ConfigureAwait(false)).Select(map).ToList();
        }
    }
}

/// <summary>Completes avatar ids from the platform and custom avatars.</summary>
public sealed class AvatarIdCompleter : ApiCompleter
{
    private protected override async Task<IReadOnlyList<(string Id, string Label)>> ReadAsync(AdsumoClient client, CallContext call)
    {
        var platform = await client.ListPlatformAvatarsAsync(call).ConfigureAwait(false);
        var custom = await client.ListCustomAvatarsAsync(call).ConfigureAwait(false);
        return platform.Concat(custom).Select(a => (a.Id, a.Name ?? a.Id)).ToList();
    }
}

/// <summary>Completes voice ids.</summary>
public sealed class VoiceIdCompleter : ApiCompleter
{
    private protected override Task<IReadOnlyList<(string Id, string Label)>> ReadAsync(AdsumoClient client, CallContext call) =>
        ReadPagesAsync(client.ListVoices(null, null, null, null, 0, 500), v => (v.Id, v.Name ?? v.Id), call);
}

/// <summary>Completes product ids.</summary>
public sealed class ProductIdCompleter : ApiCompleter
{
    private protected override Task<IReadOnlyList<(string Id, string Label)>> ReadAsync(AdsumoClient client, CallContext call) =>
        ReadPagesAsync(client.ListProducts(0, 500), p => (p.Id, p.Name ?? p.Id), call);
}
