using System;
using Adsumo.Client.Tests.Infrastructure;

namespace Adsumo.Client.Tests.Json;

public sealed class ProductMappingTests
{
    [Fact]
    public void A_listed_product_maps_every_field()
    {
        var product = ModelReader.Product(JsonText.Parse(Payloads.Product("550E8400-E29B-41D4-A716-446655440000")));

        Assert.Equal("550E8400-E29B-41D4-A716-446655440000", product.Id);
        Assert.Equal("Trail Shoe", product.Name);
        Assert.Equal("Light shoe", product.Description);
        Assert.Equal("Footwear", product.Category);
        Assert.Equal("https://cdn.example/shoe.png", product.ImageUrl);
        Assert.Equal(89.5m, product.Price);
        Assert.Equal("USD", product.Currency);
        Assert.Equal("https://shop.example/shoe", product.Link);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), product.CreatedAt);
    }

    [Fact]
    public void The_creation_answer_names_the_image_image_path()
    {
        // Contract section 6: POST /products answers image_path where the list says image_url.
        var product = ModelReader.Product(JsonText.Parse("""{"id":"p1","name":"Shoe","image_path":"https://cdn.example/created.png"}"""));

        Assert.Equal("https://cdn.example/created.png", product.ImageUrl);
    }

    [Fact]
    public void Image_url_wins_when_both_names_are_present()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"id":"p1","image_url":"https://a.example/url.png","image_path":"https://a.example/path.png"}"""));

        Assert.Equal("https://a.example/url.png", product.ImageUrl);
    }

    [Fact]
    public void A_field_given_twice_keeps_its_last_value()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"id":"p1","name":"First","price":1,"name":"Last","price":"2.5","id":"p2"}"""));

        Assert.Equal("Last", product.Name);
        Assert.Equal(2.5m, product.Price);
        Assert.Equal("p2", product.Id);
    }

    [Fact]
    public void A_null_image_url_falls_back_to_image_path()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"image_path":"https://cdn.example/p.png","id":"p1","image_url":null}"""));

        Assert.Equal("https://cdn.example/p.png", product.ImageUrl);
    }

    [Fact]
    public void Field_names_are_matched_exactly()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"id":"p1","Name":"Upper","name_":"Longer","nam":"Shorter"}"""));

        Assert.Null(product.Name);
    }

    [Fact]
    public void Missing_optional_fields_are_null()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"id":"p1"}"""));

        Assert.Null(product.Name);
        Assert.Null(product.Price);
        Assert.Null(product.Currency);
        Assert.Null(product.Link);
        Assert.Null(product.CreatedAt);
    }

    [Fact]
    public void A_price_sent_as_a_string_is_read_as_a_number()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"id":"p1","price":"19.99"}"""));

        Assert.Equal(19.99m, product.Price);
    }

    [Theory]
    [InlineData("\"not a date\"")]
    [InlineData("\"2026-13-45T99:00:00Z\"")]
    [InlineData("1700000000000")]
    [InlineData("{}")]
    [InlineData("true")]
    public void A_date_that_cannot_be_read_is_null_rather_than_a_failure(string createdAt)
    {
        var product = ModelReader.Product(JsonText.Parse($$"""{"id":"p1","name":"Shoe","created_at":{{createdAt}}}"""));

        Assert.Null(product.CreatedAt);
        Assert.Equal("Shoe", product.Name);
    }

    [Fact]
    public void A_date_without_an_offset_is_taken_as_utc()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"id":"p1","created_at":"2026-01-15T12:00:00"}"""));

        Assert.Equal(TimeSpan.Zero, product.CreatedAt!.Value.Offset);
        Assert.Equal(12, product.CreatedAt.Value.Hour);
    }

    [Fact]
    public void Unknown_fields_and_fields_of_an_unexpected_type_are_ignored()
    {
        var product = ModelReader.Product(JsonText.Parse("""
            {"id":"p1","name":{"nested":"object"},"price":[1,2],"brand_new_field":{"a":[1,2,3]},"currency":"EUR"}
            """));

        Assert.Null(product.Name);
        Assert.Null(product.Price);
        Assert.Equal("EUR", product.Currency);
    }

    [Theory]
    [InlineData("""{"name":"Shoe"}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("""{"id":"   "}""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void A_product_without_an_id_is_an_invalid_response(string json)
    {
        var error = Assert.Throws<AdsumoException>(() => ModelReader.Product(JsonText.Parse(json)));

        Assert.Equal(AdsumoErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public void A_numeric_id_is_kept_as_its_text()
    {
        var product = ModelReader.Product(JsonText.Parse("""{"id":12345}"""));

        Assert.Equal("12345", product.Id);
    }
}
