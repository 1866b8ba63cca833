namespace Lucine.Functions.History;

/// <summary>An ended conversation as the history lists it.</summary>
public sealed record ConversationSummary(
    string SessionId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    SessionOutcome Outcome,
    string? Operator,
    string? OperatorName,
    string? Language,
    int MessageCount,
    string? Preview);

/// <summary>One page of the history, newest first; <paramref name="Next"/> asks for the following one with the same filters.</summary>
public sealed record ConversationListResponse(IReadOnlyList<ConversationSummary> Items, string? Next);

/// <summary>What the history is narrowed to: the UTC days of the end (both included), and null for any.</summary>
public sealed record ConversationQuery(DateOnly From, DateOnly To, SessionOutcome? Outcome, string? Operator, Language? Language, IReadOnlyList<string> Words);

/// <summary>Where a page of the history stopped: the day partition and the last row read in it.</summary>
public sealed record ConversationCursor(DateOnly Day, string After);
