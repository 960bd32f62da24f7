#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace AdsumoBench;

/// <summary>
/// What a user would write by hand in C#: one HttpClient, the offset loop, System.Text.Json into plain classes. The
/// benchmarks measure the module against it in the same process; it is not part of the module.
/// </summary>
public static class PlainClient
{
    private static HttpClient? _http;

    // Result URLs are presigned: they carry their own signature and refuse a request with the API key.
    private static readonly HttpClient Files = new();

    public sealed class Product
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("category")] public string? Category { get; set; }
        [JsonPropertyName("image_url")] public string? ImageUrl { get; set; }
        [JsonPropertyName("price")] public decimal? Price { get; set; }
        [JsonPropertyName("currency")] public string? Currency { get; set; }
        [JsonPropertyName("link")] public string? Link { get; set; }
        [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    }

    public sealed class Pagination
    {
        [JsonPropertyName("total")] public long Total { get; set; }
    }

    public sealed class ProductPage
    {
        [JsonPropertyName("data")] public List<Product> Data { get; set; } = new();
        [JsonPropertyName("pagination")] public Pagination? Pagination { get; set; }
    }

    public static void Connect(string key)
    {
        _http = new HttpClient();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <summary>Every product, page after page of 100.</summary>
    public static List<Product> ListProducts(string baseUri)
    {
        var all = new List<Product>();
        var offset = 0;
        while (true)
        {
            var bytes = _http!.GetByteArrayAsync($"{baseUri}/products?limit=100&offset={offset}").GetAwaiter().GetResult();
            var page = JsonSerializer.Deserialize<ProductPage>(bytes)!;
            all.AddRange(page.Data);
            offset += page.Data.Count;
            if (page.Data.Count == 0 || offset >= (page.Pagination?.Total ?? 0)) return all;
        }
    }

    /// <summary>A file streamed to disk, as Save-AdsumoGeneration does, without its safeguards.</summary>
    public static long Download(string url, string path)
    {
        using var response = Files.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var input = response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
        using var output = File.Create(path);
        input.CopyTo(output);
        return output.Length;
    }
}
