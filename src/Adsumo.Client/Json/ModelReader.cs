using System.Text.Json;

namespace Adsumo.Client;

/// <summary>Maps the service's snake_case JSON to the models, surviving the documented quirks of its field names.</summary>
internal static class ModelReader
{
    public static Product Product(JsonElement e)
    {
        RequireObject(e, "product");
        // One pass over the fields: a listing maps thousands of products, and each lookup by name walks the whole
        // object. A field given twice keeps its last value, as a lookup by name would.
        JsonElement id = default, name = default, description = default, category = default, imageUrl = default,
            imagePath = default, price = default, currency = default, link = default, createdAt = default;
        foreach (var field in e.EnumerateObject())
        {
            if (field.NameEquals("id"u8)) id = field.Value;
            else if (field.NameEquals("name"u8)) name = field.Value;
            else if (field.NameEquals("description"u8)) description = field.Value;
            else if (field.NameEquals("category"u8)) category = field.Value;
            else if (field.NameEquals("image_url"u8)) imageUrl = field.Value;
            else if (field.NameEquals("image_path"u8)) imagePath = field.Value;
            else if (field.NameEquals("price"u8)) price = field.Value;
            else if (field.NameEquals("currency"u8)) currency = field.Value;
            else if (field.NameEquals("link"u8)) link = field.Value;
            else if (field.NameEquals("created_at"u8)) createdAt = field.Value;
        }
        return new Product
        {
            Id = CheckedId(Wire.String(id), "product", "id"),
            Name = Wire.String(name),
            Description = Wire.String(description),
            Category = Wire.String(category),
            // Lists name the image image_url; the answer to a creation names it image_path.
            ImageUrl = Wire.String(imageUrl) ?? Wire.String(imagePath),
            Price = Wire.Decimal(price),
            Currency = Wire.String(currency),
            Link = Wire.String(link),
            CreatedAt = Wire.Date(createdAt),
        };
    }

    public static Avatar Avatar(JsonElement e, string defaultType) => new()
    {
        Id = RequiredId(e, "avatar", "id"),
        Name = Wire.String(e, "name"),
        Type = Wire.String(e, "avatar_type") ?? defaultType,
        Gender = Wire.String(e, "gender"),
        AgeGroup = Wire.String(e, "age_group"),
        ThumbnailUrl = Wire.String(e, "thumbnail_url"),
        Description = Wire.String(e, "description"),
        CreatedAt = Wire.Date(e, "created_at"),
    };

    public static Generation Generation(JsonElement e)
    {
        var details = Wire.Object(e, "details") is { } d ? Details(d) : null;
        var type = Wire.String(e, "type");
        return new Generation
        {
            // Generation objects name the id id; submit answers and webhooks name it generation_id.
            Id = RequiredId(e, "generation", "id", "generation_id"),
            Type = type,
            Status = Wire.String(e, "status"),
            CreatedAt = Wire.Date(e, "created_at"),
            CompletedAt = Wire.Date(e, "completed_at"),
            ResultUrl = Wire.String(e, "result_url"),
            ErrorMessage = Wire.String(e, "error_message") ?? ErrorText(e),
            Details = details,
            // Read back by id, a generation is priced from its details, whoever made it and however it was found.
            EstimatedCredits = Prices.ForGeneration(type, details)?.High,
        };
    }

    public static GenerationDetails Details(JsonElement d) => new()
    {
        Prompt = Wire.String(d, "prompt"),
        Model = Wire.String(d, "model"),
        AspectRatio = Wire.String(d, "aspect_ratio"),
        Resolution = Wire.String(d, "resolution"),
        Quantity = Wire.Int(d, "quantity"),
        Duration = Wire.Double(d, "duration"),
        AvatarId = Wire.String(d, "avatar_id"),
        AvatarType = Wire.String(d, "avatar_type"),
        Script = Wire.String(d, "script"),
        VoiceId = Wire.String(d, "voice_id"),
        VoiceoverId = Wire.String(d, "voiceover_id"),
        Template = Wire.String(d, "template"),
        LipsyncModel = Wire.String(d, "lipsync_model"),
        ProductId = Wire.String(d, "product_id"),
        StyleId = Wire.String(d, "style_id"),
        AdditionalPrompt = Wire.String(d, "additional_prompt"),
    };

    public static CreditBalance Credits(JsonElement e)
    {
        var used = Wire.Long(e, "credits_used");
        var limit = Wire.Long(e, "credits_limit");
        var remaining = Wire.Long(e, "credits_remaining");
        if (used is null && limit is null && remaining is null)
        {
            throw Invalid("The credit balance has none of credits_used, credits_limit and credits_remaining.");
        }
        return new CreditBalance
        {
            Used = used ?? (limit - remaining) ?? 0,
            Limit = limit ?? (used + remaining) ?? 0,
            Remaining = remaining ?? (limit - used) ?? 0,
        };
    }

    public static Voice Voice(JsonElement e) => new()
    {
        Id = RequiredId(e, "voice", "id", "voice_id"),
        Name = Wire.String(e, "name"),
        Gender = Wire.String(e, "gender"),
        AgeGroup = Wire.String(e, "age_group"),
        Accent = Wire.String(e, "accent"),
        Style = Wire.String(e, "style"),
        PreviewAudioUrl = Wire.String(e, "preview_audio_url"),
    };

    public static Voiceover Voiceover(JsonElement e) => new()
    {
        Id = RequiredId(e, "voiceover", "id", "voiceover_id"),
        Status = Wire.String(e, "status"),
        Duration = Wire.Double(e, "duration"),
        AudioUrl = Wire.String(e, "audio_url"),
    };

    public static WebhookEvent WebhookEvent(JsonElement e) => new()
    {
        Event = Wire.String(e, "event"),
        GenerationId = Wire.String(e, "generation_id") ?? Wire.String(e, "id"),
        Type = Wire.String(e, "type"),
        Status = Wire.String(e, "status"),
        ResultUrl = Wire.String(e, "result_url"),
        ErrorMessage = Wire.String(e, "error_message"),
        CreatedAt = Wire.Date(e, "created_at"),
        CompletedAt = Wire.Date(e, "completed_at"),
    };

    private static string? ErrorText(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String) return error.GetString();
            if (error.ValueKind == JsonValueKind.Object) return Wire.String(error, "message");
        }
        return null;
    }

    private static string RequiredId(JsonElement e, string what, params string[] names)
    {
        RequireObject(e, what);
        foreach (var name in names)
        {
            var id = Wire.String(e, name);
            if (!string.IsNullOrWhiteSpace(id)) return CheckedId(id, what, name);
        }
        return CheckedId(null, what, names[0]);
    }

    /// <summary>An id as shown and sent back: present, on one line and bounded.</summary>
    private static string CheckedId(string? id, string what, string name) =>
        string.IsNullOrWhiteSpace(id) ? throw Invalid($"A {what} in the answer has no {name}.") : SafeText.Line(id!, 200);

    private static void RequireObject(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Invalid($"Expected a {what} object but got {e.ValueKind.ToString().ToLowerInvariant()}.");
    }

    public static AdsumoException Invalid(string message) => new(AdsumoErrorKind.InvalidResponse, "The service's answer could not be read: " + message);
}
