using System;

namespace Adsumo.Client.Tests.Transport;

/// <summary>The base URIs a key may be sent to: https anywhere, plain http only to this machine.</summary>
public sealed class EndpointTests
{
    [Theory]
    [InlineData("https://www.adsumo.ai/api/v1", "https://www.adsumo.ai/api/v1/")]
    [InlineData("https://www.adsumo.ai/api/v1/", "https://www.adsumo.ai/api/v1/")]
    [InlineData("http://127.0.0.1:5080/api/v1", "http://127.0.0.1:5080/api/v1/")]
    [InlineData("http://localhost:5080/api/v1", "http://localhost:5080/api/v1/")]
    [InlineData("http://[::1]:5080/api/v1", "http://[::1]:5080/api/v1/")]
    [InlineData("http://127.0.0.2/api/v1", "http://127.0.0.2/api/v1/")]
    [InlineData("HTTPS://WWW.ADSUMO.AI/api/v1", "https://www.adsumo.ai/api/v1/")]
    public void Accepted_base_uris_end_in_a_slash(string given, string expected)
    {
        Assert.Equal(expected, Endpoint.Normalize(new Uri(given), "BaseUri").ToString());
    }

    [Theory]
    [InlineData("http://www.adsumo.ai/api/v1")]
    [InlineData("http://192.168.1.10/api/v1")]
    [InlineData("http://localhost.evil.example/api/v1")]
    [InlineData("http://127.0.0.1.nip.io/api/v1")]
    [InlineData("http://0.0.0.0/api/v1")]
    public void Plain_http_to_another_machine_is_refused(string given)
    {
        var error = Assert.Throws<AdsumoInputException>(() => Endpoint.Normalize(new Uri(given), "BaseUri"));

        Assert.Equal("InsecureBaseUri", error.Reason);
        Assert.Equal("BaseUri", error.ParamName);
    }

    [Theory]
    [InlineData("https://user:secret@www.adsumo.ai/api/v1")]
    [InlineData("https://www.adsumo.ai/api/v1?key=1")]
    [InlineData("https://www.adsumo.ai/api/v1#top")]
    [InlineData("ftp://www.adsumo.ai/api/v1")]
    [InlineData("file:///etc/passwd")]
    public void Credentials_queries_fragments_and_other_schemes_are_refused(string given)
    {
        var error = Assert.Throws<AdsumoInputException>(() => Endpoint.Normalize(new Uri(given), "BaseUri"));

        Assert.Equal("InvalidBaseUri", error.Reason);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_or_missing_uri_is_refused()
    {
        Assert.Equal("InvalidBaseUri", Assert.Throws<AdsumoInputException>(() => Endpoint.Normalize(new Uri("api/v1", UriKind.Relative), "BaseUri")).Reason);
        Assert.Equal("InvalidBaseUri", Assert.Throws<AdsumoInputException>(() => Endpoint.Normalize(null, "BaseUri")).Reason);
    }

    [Fact]
    public void A_session_cannot_be_made_for_plain_http_elsewhere()
    {
        Assert.Throws<AdsumoInputException>(() => new AdsumoClient(new Uri("http://api.example/api/v1"), Infrastructure.TestClients.Key(), new ConnectionSettings()));
    }

    [Fact]
    public void The_default_is_the_public_https_api()
    {
        Assert.Equal("https://www.adsumo.ai/api/v1/", Endpoint.Normalize(Endpoint.DefaultBaseUri, "BaseUri").ToString());
    }
}
