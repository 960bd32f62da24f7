using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Adsumo.Emulator.Tests.Infrastructure;

namespace Adsumo.Emulator.Tests;

public sealed class ResultFileTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly EmulatorServer _server = fixture.Server;

    [Fact]
    public async Task An_image_is_a_png_of_the_configured_size()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));

        var file = await _server.GetAsync(url);

        Assert.Matches($"^{_server.Root}/_files/generations/[0-9a-f-]{{36}}\\.png\\?expires=[0-9]+&signature=[0-9a-f]{{64}}$", url);
        Assert.Equal(200, file.Code);
        Assert.Equal("image/png", file.Header("Content-Type"));
        Assert.Equal("32768", file.Header("Content-Length"));
        Assert.Equal(32768, file.Bytes.Length);
        Assert.Equal(PngMagic, file.Bytes[..8]);
        Assert.StartsWith("req_", file.RequestId);
    }

    [Fact]
    public async Task Videos_are_mp4_with_an_ftyp_box_at_offset_4()
    {
        var key = EmulatorServer.NewKey();
        foreach (var id in new[] { await _server.SubmitAiVideoAsync(key), await _server.SubmitTalkingAvatarAsync(key) })
        {
            var url = await _server.ResultUrlAsync(key, id);
            var file = await _server.GetAsync(url);

            Assert.EndsWith(".mp4", new Uri(url).AbsolutePath);
            Assert.Equal("video/mp4", file.Header("Content-Type"));
            Assert.Equal("ftyp"u8.ToArray(), file.Bytes[4..8]);
            Assert.Equal(24u, BinaryPrimitives.ReadUInt32BigEndian(file.Bytes));
            Assert.Equal(32768, file.Bytes.Length);
        }
    }

    [Fact]
    public async Task Head_answers_the_headers_without_a_body()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));

        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        using var response = await _server.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(32768, response.Content.Headers.ContentLength);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(body);
    }

    [Fact]
    public async Task A_request_with_an_authorization_header_is_400()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));

        var response = await _server.GetAsync(url, key);

        Assert.Equal(400, response.Code);
        Assert.Equal("invalid_request", response.ErrorCode);
    }

    [Fact]
    public async Task Any_tampering_is_403()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));
        var uri = new Uri(url);
        var path = uri.AbsolutePath;
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var expires = long.Parse(query["expires"]!);
        var signature = query["signature"]!;

        var attempts = new[]
        {
            $"{path}?expires={expires}&signature={(signature[0] == 'a' ? 'b' : 'a')}{signature[1..]}",
            $"{path}?expires={expires + 3600}&signature={signature}",
            $"{path}?expires={expires}",
            $"{path}?signature={signature}",
            path,
            $"{path}?expires={expires}&signature=xyz",
        };
        foreach (var attempt in attempts)
        {
            var response = await _server.GetAsync(attempt);
            Assert.True(response.Code == 403, $"{attempt}: {response}");
            Assert.Equal("forbidden", response.ErrorCode);
        }
    }

    [Fact]
    public async Task Unknown_files_are_404()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));

        foreach (var path in new[]
                 {
                     $"/_files/generations/{Guid.NewGuid()}.png?expires=1&signature=00",
                     url.Replace(".png?", ".mp4?"),
                     "/_files/generations/not-an-id.png",
                     "/_files/voiceovers/" + Guid.NewGuid() + ".mp3",
                     "/_files/avatars/" + Guid.NewGuid() + ".png",
                     "/_files/voices/NoSuchVoice.mp3",
                     "/_files/nothing",
                 })
        {
            var response = await _server.GetAsync(path);
            Assert.True(response.Code == 404, $"{path}: {response}");
            Assert.Equal("not_found", response.ErrorCode);
        }
    }

    [Fact]
    public async Task Every_read_issues_a_url_that_works()
    {
        var key = EmulatorServer.NewKey();
        var id = await _server.SubmitImageAsync(key);

        var fromGet = await _server.ResultUrlAsync(key, id);
        var fromList = (await _server.GetAsync("/api/v1/generations", key)).Json.GetProperty("data")[0]
            .GetProperty("result_url").GetString()!;

        Assert.Equal(200, (await _server.GetAsync(fromGet)).Code);
        Assert.Equal(200, (await _server.GetAsync(fromList)).Code);
    }

    [Fact]
    public async Task The_request_id_is_echoed_on_files_too()
    {
        var key = EmulatorServer.NewKey();
        var url = await _server.ResultUrlAsync(key, await _server.SubmitImageAsync(key));

        var response = await _server.SendAsync(HttpMethod.Get, url,
            headers: new Dictionary<string, string> { ["X-Request-Id"] = "file-read-1" });

        Assert.Equal("file-read-1", response.RequestId);
    }
}
