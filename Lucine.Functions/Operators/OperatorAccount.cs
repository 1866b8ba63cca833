namespace Lucine.Functions.Operators;

/// <summary>
/// A member of staff who can log in. <see cref="Chats"/> are the sessions whose capacity this operator
/// holds: reserved before a session commits an assignment, so that no operator is ever given more
/// chats than <see cref="Capacity"/>, and given back after the chat leaves them.
/// </summary>
/// <param name="TokenStamp">Changes on logout: tokens issued with another stamp stop working.</param>
public sealed record OperatorAccount(
    string Username,
    string DisplayName,
    string? Avatar,
    OperatorRole Role,
    string PasswordHash,
    bool Active,
    OperatorAvailability Availability,
    int Capacity,
    IReadOnlyList<string> Chats,
    DateTimeOffset LastAssignedAt,
    string TokenStamp)
{
    /// <summary>The realtime connections the operator has open now (hub or SignalR Service connection ids).</summary>
    public IReadOnlyList<string> Connections { get; init; } = [];

    /// <summary>When the operator's last realtime connection went away; null while one is open.</summary>
    public DateTimeOffset? DisconnectedAt { get; init; }

    /// <summary>
    /// Presence, not the operator, made them away (no connection for the grace period): their next
    /// connection brings them back online. A choice of their own clears it.
    /// </summary>
    public bool PresenceLapsed { get; init; }

    /// <summary>Set by an admin's password reset: until they choose their own, the account can only change it.</summary>
    public bool MustChangePassword { get; init; }

    public OperatorPreferences Preferences { get; init; } = OperatorPreferences.Default;

    public OperatorRef Ref => new(Username, DisplayName, Avatar);

    public OperatorLoad Load => new(Username, Availability, Active, Chats.Count, Capacity, LastAssignedAt);

    public bool MaySupervise => Role is OperatorRole.Supervisor or OperatorRole.Admin;

    /// <summary>Usernames are case-insensitive: stored and compared in lower case.</summary>
    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public static bool IsValidUsername(string username) =>
        username.Length is >= 3 and <= 40 && username.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');
}

/// <summary>How the dashboard speaks to and alerts its operator, kept with the account so it follows them to any desk.</summary>
/// <param name="Language">"it" or "en"; null: the browser's.</param>
public sealed record OperatorPreferences(
    string? Language, bool NotifyAssigned, bool NotifyQueue, bool NotifyFirstResponse, bool NotifyTicketAlerts, bool Sound)
{
    public static readonly OperatorPreferences Default = new(null, true, true, true, true, true);

    public static readonly IReadOnlyList<string> Languages = ["it", "en"];
}

public enum OperatorRole
{
    Operator,
    Supervisor,
    Admin,
}
