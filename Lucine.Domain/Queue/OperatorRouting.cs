namespace Lucine.Domain.Queue;

/// <summary>An operator as routing sees them: whether they take chats now, and how many they have.</summary>
public sealed record OperatorLoad(string Username, OperatorAvailability Availability, bool Active, int Chats, int Capacity, DateTimeOffset LastAssignedAt)
{
    public bool IsOnline => Active && Availability == OperatorAvailability.Online;

    public bool CanTakeChat => IsOnline && Chats < Capacity;
}

/// <summary>What became of a request to reserve an operator's capacity for a chat.</summary>
public enum Reservation
{
    Reserved,

    /// <summary>Already holding this chat: nothing to reserve again.</summary>
    AlreadyHeld,
    AtCapacity,
    NotTakingChats,

    /// <summary>No such operator.</summary>
    Unknown,
}

/// <summary>A reservation of an operator's capacity for one chat: <paramref name="Operator"/> is who holds the slot, when reserved.</summary>
public sealed record OperatorSlot(Reservation Result, OperatorRef? Operator);

public enum OperatorAvailability
{
    Offline,
    Online,
    Away,
}

/// <summary>
/// Who gets the next chat: the least-loaded operator who is online and under capacity; among equals,
/// the one who got a chat least recently (round robin), then by name so that the choice is stable.
/// </summary>
public static class OperatorRouting
{
    public static OperatorLoad? Choose(IEnumerable<OperatorLoad> operators, string? except = null) =>
        operators
            .Where(o => o.CanTakeChat && !string.Equals(o.Username, except, StringComparison.Ordinal))
            .OrderBy(o => o.Chats)
            .ThenBy(o => o.LastAssignedAt)
            .ThenBy(o => o.Username, StringComparer.Ordinal)
            .FirstOrDefault();

    public static Staffing Staffing(IReadOnlyCollection<OperatorLoad> operators) =>
        new(operators.Count(o => o.IsOnline), operators.Count(o => o.CanTakeChat));
}
