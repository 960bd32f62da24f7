using System;
using System.Collections.Generic;
using System.Linq;

namespace Adsumo.Client.Tests.Infrastructure;

/// <summary>Realistic answers of the service, as the contract shows them.</summary>
public static class Payloads
{
    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>Ids that sort in creation order, so a failed assertion shows which item went missing.</summary>
    public static string IdOf(int n) => $"00000000-0000-4000-8000-{n:D12}";

    public static string Product(string id, string name = "Trail Shoe") => $$"""
        {"id":"{{id}}","name":"{{name}}","description":"Light shoe","category":"Footwear","image_url":"https://cdn.example/shoe.png","price":89.5,"currency":"USD","link":"https://shop.example/shoe","created_at":"2026-01-15T12:00:00Z"}
        """;

    public static string Generation(string id, string status = "processing", string type = "image") => $$"""
        {"id":"{{id}}","type":"{{type}}","status":"{{status}}","created_at":"2026-01-15T12:00:00Z","completed_at":null,"result_url":null}
        """;

    public static string CompletedGeneration(string id, string resultUrl) => $$"""
        {"id":"{{id}}","type":"image","status":"completed","created_at":"2026-01-15T12:00:00Z","completed_at":"2026-01-15T12:01:00Z","result_url":"{{resultUrl}}"}
        """;

    public static string FailedGeneration(string id, string errorMessage) => $$"""
        {"id":"{{id}}","type":"ai-video","status":"failed","created_at":"2026-01-15T12:00:00Z","completed_at":"2026-01-15T12:01:00Z","result_url":null,"error_message":"{{errorMessage}}"}
        """;

    public static string Voice(string id) => $$"""
        {"id":"{{id}}","name":"Sarah","gender":"female","age_group":"young_adult","accent":"american","style":"professional","preview_audio_url":"https://cdn.example/sarah.mp3"}
        """;

    public static string Avatar(string id, string type = "platform") => $$"""
        {"id":"{{id}}","name":"Emma","thumbnail_url":"https://cdn.example/emma.png","gender":"female","age_group":"adult","avatar_type":"{{type}}"}
        """;

    /// <summary>The list envelope of the contract: {data:[...], pagination:{total,limit,offset}}.</summary>
    public static string Page(IEnumerable<string> items, long? total, int limit, long offset)
    {
        var data = "[" + string.Join(",", items) + "]";
        var pagination = total is null ? "" : $",\"pagination\":{{\"total\":{total},\"limit\":{limit},\"offset\":{offset}}}";
        return "{\"data\":" + data + pagination + "}";
    }

    public static string Error(string code, string message, string? param = null) =>
        "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"" + (param is null ? "" : ",\"param\":\"" + param + "\"") + "}}";

    public static string Products(IEnumerable<int> numbers) => "[" + string.Join(",", numbers.Select(n => Product(IdOf(n), "P" + n))) + "]";
}
