using System.Text.Json;

namespace Lucine.Domain;

/// <summary>
/// How Lucine's enum values are named outside the process (HTTP, stored rows, reports):
/// snake_case ("with_operator", "request_operator"). The one place this rule lives.
/// </summary>
public static class WireNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
