using System;
using System.Security.Cryptography;
using System.Text;

namespace Adsumo.Client.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_test_5f2b8c1e");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"event":"generation.completed","generation_id":"550e8400-e29b-41d4-a716-446655440000","type":"image","status":"completed","result_url":"https://files.example/r.png","created_at":"2026-01-15T12:00:00Z","completed_at":"2026-01-15T12:01:00Z"}""");

    /// <summary>Computed here with the framework's HMAC, not with the code under test.</summary>
    private static string Expected(byte[] body, byte[] secret) => Convert.ToHexString(HMACSHA256.HashData(secret, body)).ToLowerInvariant();

    [Fact]
    public void The_rfc_4231_vector_is_reproduced()
    {
        // RFC 4231, test case 2.
        var signature = WebhookSignature.Compute(Encoding.ASCII.GetBytes("what do ya want for nothing?"), Encoding.ASCII.GetBytes("Jefe"));

        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void The_signature_is_the_lowercase_hex_hmac_of_the_raw_body()
    {
        Assert.Equal(Expected(Body, Secret), WebhookSignature.Compute(Body, Secret));
    }

    [Fact]
    public void The_right_signature_verifies()
    {
        Assert.True(WebhookSignature.Verify(Body, Expected(Body, Secret), Secret));
    }

    [Fact]
    public void A_sha256_prefix_upper_case_hex_and_surrounding_spaces_are_accepted()
    {
        var signature = Expected(Body, Secret);

        Assert.True(WebhookSignature.Verify(Body, "sha256=" + signature, Secret));
        Assert.True(WebhookSignature.Verify(Body, "SHA256=" + signature.ToUpperInvariant(), Secret));
        Assert.True(WebhookSignature.Verify(Body, signature.ToUpperInvariant(), Secret));
        Assert.True(WebhookSignature.Verify(Body, "  " + signature + "\n", Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sha256=")]
    [InlineData("not-hex-at-all")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void Missing_or_wrong_signatures_fail(string? signature)
    {
        Assert.False(WebhookSignature.Verify(Body, signature, Secret));
    }

    [Fact]
    public void A_signature_of_another_body_or_secret_or_cut_short_fails()
    {
        var signature = Expected(Body, Secret);
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;

        Assert.False(WebhookSignature.Verify(tampered, signature, Secret));
        Assert.False(WebhookSignature.Verify(Body, signature, Encoding.UTF8.GetBytes("whsec_other")));
        Assert.False(WebhookSignature.Verify(Body, signature.Substring(0, 63), Secret));
        Assert.False(WebhookSignature.Verify(Body, signature + "0", Secret));
    }

    [Fact]
    public void A_body_is_parsed_into_an_event()
    {
        var webhook = WebhookSignature.Parse(Body);

        Assert.Equal("generation.completed", webhook.Event);
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", webhook.GenerationId);
        Assert.Equal("https://files.example/r.png", webhook.ResultUrl);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 12, 1, 0, TimeSpan.Zero), webhook.CompletedAt);
        Assert.False(webhook.SignatureVerified);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public void A_body_that_is_not_a_json_object_is_an_input_error(string body)
    {
        var error = Assert.Throws<AdsumoInputException>(() => WebhookSignature.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal("InvalidWebhookBody", error.Reason);
    }
}
