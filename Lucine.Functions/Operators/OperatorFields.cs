using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Operators;

/// <summary>The rules of an account's fields, one place for creating, editing and an operator's own edit.</summary>
public static class OperatorFields
{
    public const int MaxDisplayName = 80;
    public const int MaxCapacity = 50;

    public static ProblemHttpResult? CheckUsername(string username) => OperatorAccount.IsValidUsername(username)
        ? null
        : Problems.Invalid("invalid-username", "Invalid username", "The username must be 3 to 40 characters among a-z, 0-9, '.', '_' and '-'.");

    public static ProblemHttpResult? CheckDisplayName(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > MaxDisplayName || !PlainText.IsAcceptable(displayName, allowLines: false)
        ? Problems.Invalid("invalid-display-name", "Invalid display name", $"Send a 'displayName' of 1 to {MaxDisplayName} characters.")
        : null;

    public static ProblemHttpResult? CheckCapacity(int? capacity) => capacity is < 1 or > MaxCapacity
        ? Problems.Invalid("invalid-capacity", "Invalid capacity", $"'capacity' must be between 1 and {MaxCapacity}.")
        : null;

    /// <summary>An avatar is an https URL (shown as an image, never fetched by the server); empty means none.</summary>
    public static ProblemHttpResult? CheckAvatar(string? avatar) =>
        avatar is null or "" || (avatar.Length <= 2048 && Uri.TryCreate(avatar, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : Problems.Invalid("invalid-avatar", "Invalid avatar", "'avatar' must be an https URL.");

    public static ProblemHttpResult? CheckPreferences(PreferencesChange? preferences) =>
        preferences?.Language is { Length: > 0 } language && !OperatorPreferences.Languages.Contains(language)
            ? Problems.Invalid("invalid-language", "Invalid language", "'preferences.language' must be \"it\", \"en\" or empty (the browser's).")
            : null;
}
