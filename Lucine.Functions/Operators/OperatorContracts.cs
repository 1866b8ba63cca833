namespace Lucine.Functions.Operators;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, OperatorProfile Operator);

public sealed record AvailabilityRequest(OperatorAvailability? Availability);

public sealed record CreateOperatorRequest(string? Username, string? DisplayName, string? Password, OperatorRole? Role, int? Capacity, string? Avatar);

/// <summary>An admin's edit of an account: only what is sent changes; an empty <paramref name="Avatar"/> removes it.</summary>
public sealed record UpdateOperatorRequest(string? DisplayName, string? Avatar, OperatorRole? Role, int? Capacity);

/// <summary>A temporary password an admin gives; the operator must choose their own at the next login.</summary>
public sealed record PasswordResetRequest(string? Password);

/// <summary>An operator's edit of their own account: only what is sent changes.</summary>
public sealed record UpdateMeRequest(string? DisplayName, PreferencesChange? Preferences);

/// <summary>Only what is sent changes; an empty <paramref name="Language"/> means "the browser's".</summary>
public sealed record PreferencesChange(string? Language, bool? NotifyAssigned, bool? NotifyQueue, bool? NotifyFirstResponse, bool? NotifyTicketAlerts, bool? Sound)
{
    public OperatorPreferences ApplyTo(OperatorPreferences current) => new(
        Language is null ? current.Language : Language.Length == 0 ? null : Language,
        NotifyAssigned ?? current.NotifyAssigned,
        NotifyQueue ?? current.NotifyQueue,
        NotifyFirstResponse ?? current.NotifyFirstResponse,
        NotifyTicketAlerts ?? current.NotifyTicketAlerts,
        Sound ?? current.Sound);
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>An operator account as the dashboard shows it; never the password hash.</summary>
/// <param name="Connected">Whether a dashboard of theirs has a realtime connection open now.</param>
/// <param name="MustChangePassword">After an admin's reset: until they choose a password, nothing else is allowed.</param>
public sealed record OperatorProfile(
    string Username,
    string DisplayName,
    string? Avatar,
    OperatorRole Role,
    OperatorAvailability Availability,
    int Capacity,
    int ActiveChats,
    bool Connected,
    bool Active,
    bool MustChangePassword,
    OperatorPreferences Preferences)
{
    public static OperatorProfile From(OperatorAccount account) => new(
        account.Username, account.DisplayName, account.Avatar, account.Role, account.Availability, account.Capacity, account.Chats.Count,
        account.Connections.Count > 0, account.Active, account.MustChangePassword, account.Preferences);
}
