using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Lucine.Functions.Hosting;

/// <summary>
/// How Lucine's values look outside the process (HTTP bodies, stored JSON, stored enum names):
/// camelCase properties, snake_case enum values ("with_operator"), no nulls written.
/// </summary>
public static class Wire
{
    public static readonly JsonSerializerOptions Json = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new SessionIdConverter());
        options.Converters.Add(new TicketNumberConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

        // Accents and "€" as themselves; characters significant in HTML stay escaped.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        return options;
    }

    public static string Name<T>(T value)
        where T : struct, Enum => WireNames.Of(value);

    public static T Parse<T>(string name)
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => Name(v) == name).Cast<T?>().SingleOrDefault()
            ?? throw new InvalidDataException($"\"{name}\" is not a {typeof(T).Name}.");

    public static bool TryParse<T>(string name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Name(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private sealed class SessionIdConverter : JsonConverter<SessionId>
    {
        public override SessionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            SessionId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Not a session id.");

        public override void Write(Utf8JsonWriter writer, SessionId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }

    private sealed class TicketNumberConverter : JsonConverter<TicketNumber>
    {
        public override TicketNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TicketNumber.TryParse(reader.GetString(), out var number) ? number : throw new JsonException("Not a ticket number.");

        public override void Write(Utf8JsonWriter writer, TicketNumber value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
