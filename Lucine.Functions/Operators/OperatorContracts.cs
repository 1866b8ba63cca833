namespace Lucine.Functions.Operators;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, OperatorProfile Operator);

public sealed record AvailabilityRequest(OperatorAvailability? Availability);

public sealed record CreateOperatorRequest(string? Username, string? DisplayName, string? Password, OperatorRole? Role, int? Capacity, string? Avatar);

/// <summary>An operator account as the dashboard shows it; never the password hash.</summary>
/// <param name="Connected">Whether a dashboard of theirs has a realtime connection open now.</param>
public sealed record OperatorProfile(
    string Username, string DisplayName, string? Avatar, OperatorRole Role, OperatorAvailability Availability, int Capacity, int ActiveChats, bool Connected)
{
    public static OperatorProfile From(OperatorAccount account) => new(
        account.Username, account.DisplayName, account.Avatar, account.Role, account.Availability, account.Capacity, account.Chats.Count, account.Connections.Count > 0);
}
