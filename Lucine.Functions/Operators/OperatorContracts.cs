namespace Lucine.Functions.Operators;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, OperatorProfile Operator);

public sealed record AvailabilityRequest(OperatorAvailability? Availability);

public sealed record CreateOperatorRequest(string? Username, string? DisplayName, string? Password, OperatorRole? Role, int? Capacity, string? Avatar);

/// <summary>An operator account as the dashboard shows it; never the password hash.</summary>
public sealed record OperatorProfile(
    string Username, string DisplayName, string? Avatar, OperatorRole Role, OperatorAvailability Availability, int Capacity, int ActiveChats)
{
    public static OperatorProfile From(OperatorAccount account) => new(
        account.Username, account.DisplayName, account.Avatar, account.Role, account.Availability, account.Capacity, account.Chats.Count);
}
