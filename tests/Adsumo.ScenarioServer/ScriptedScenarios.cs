using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Adsumo.ScenarioServer;

/// <summary>
/// Scenarios a test writes itself: PUT /_scenario/scripts/&lt;name&gt; with {"rules":[...]} makes
/// /&lt;name&gt;/... answer as the first rule whose method and path match says, and normally otherwise (the API as
/// <see cref="NormalApi"/> answers it, result files served whole). This is how a table of hostile answers is written
/// without a scenario of its own for each: one row, one script.
/// A rule: {"method":"GET", "path":"^/api/v1/generations/[^/]+$" (a regular expression on the path after the
/// scenario's name), optionally "query" (one on the query string, without its '?'), "answers":[{"status":200, "headers":{"Retry-After":"1e300"}, "json":{...}} or
/// {"status":302, "headers":{"Location":"file:///etc/passwd"}} or {"status":200, "text":"...",
/// "content_type":"text/plain"}], each optionally "delay_ms" before it is sent (a slow page, say)}. The answers are used in turn, the last one again once they run out (a total
/// that alternates is two answers and "cycle": true). In JSON and text, "{fileRoot}" becomes the scenario's own file
/// URL root (http://127.0.0.1:port/&lt;name&gt;/files) and "{id}" the last segment of the request's path.
/// </summary>
internal sealed class ScriptedScenarios
{
    private readonly ConcurrentDictionary<string, Script> _scripts = new(StringComparer.Ordinal);

    public void Put(string name, JsonNode? body)
    {
        var rules = (body?["rules"] as JsonArray ?? throw new ArgumentException("A script needs a rules array."))
            .Select(node => new Rule(node as JsonObject ?? throw new ArgumentException("Each rule is an object.")))
            .ToList();
        _scripts[name] = new Script(rules);
    }

    public bool Remove(string name) => _scripts.TryRemove(name, out _);

    /// <summary>The answer a script gives to a request; null when there is no such script or no rule matches.</summary>
    public ScriptedAnswer? Answer(string scenario, string method, string path, string query, string fileRoot)
    {
        if (!_scripts.TryGetValue(scenario, out var script)) return null;
        var rule = script.Rules.FirstOrDefault(r => r.Matches(method, path, query));
        if (rule is null) return IsScript(scenario) ? ScriptedAnswer.Normal : null;
        var answer = rule.Next();
        var id = path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        string Fill(string text) => text.Replace("{fileRoot}", fileRoot, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal);
        var headers = answer["headers"] is JsonObject h
            ? h.ToDictionary(p => p.Key, p => Fill(p.Value?.ToString() ?? ""))
            : new Dictionary<string, string>();
        string? contentType = answer["content_type"]?.GetValue<string>();
        string? text = null;
        if (answer["json"] is { } json)
        {
            text = Fill(json.ToJsonString());
            contentType ??= "application/json; charset=utf-8";
        }
        else if (answer["text"] is { } plain)
        {
            text = Fill(plain.GetValue<string>());
            contentType ??= "text/plain; charset=utf-8";
        }
        var delay = TimeSpan.FromMilliseconds(answer["delay_ms"]?.GetValue<int>() ?? 0);
        return new ScriptedAnswer(answer["status"]?.GetValue<int>() ?? 200, headers, contentType, text, delay);
    }

    public bool IsScript(string scenario) => _scripts.ContainsKey(scenario);

    private sealed record Script(List<Rule> Rules);

    private sealed class Rule
    {
        private readonly string? _method;
        private readonly Regex _path;
        private readonly Regex _query;
        private readonly List<JsonObject> _answers;
        private readonly bool _cycle;
        private int _used;

        public Rule(JsonObject rule)
        {
            _method = rule["method"]?.GetValue<string>();
            _path = new Regex(rule["path"]?.GetValue<string>() ?? ".*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            _query = new Regex(rule["query"]?.GetValue<string>() ?? ".*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            _answers = (rule["answers"] as JsonArray)?.Select(a => (JsonObject)a!).ToList()
                ?? [rule];
            _cycle = rule["cycle"]?.GetValue<bool>() ?? false;
        }

        public bool Matches(string method, string path, string query) =>
            (_method is null || string.Equals(_method, method, StringComparison.OrdinalIgnoreCase)) && _path.IsMatch(path) && _query.IsMatch(query);

        public JsonObject Next()
        {
            lock (_answers)
            {
                var index = _cycle ? _used % _answers.Count : Math.Min(_used, _answers.Count - 1);
                _used++;
                return _answers[index];
            }
        }
    }
}

/// <summary>What a script answers: a status, headers and a body; <see cref="Normal"/> means "answer as usual".</summary>
internal sealed record ScriptedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string? ContentType, string? Text, TimeSpan Delay)
{
    public static readonly ScriptedAnswer Normal = new(0, new Dictionary<string, string>(), null, null, TimeSpan.Zero);
}
