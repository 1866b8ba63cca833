using Lucine.Domain.Assistant;

namespace Lucine.Domain.Sessions;

/// <summary>Something that happened to a session and that the workflow must react to.</summary>
public abstract record SessionInput(string? ClientMessageId);

/// <summary>
/// The visitor wrote. The assistant's answer is part of the input, obtained before deciding, so that
/// deciding stays pure and a replay decides the same.
/// </summary>
public sealed record VisitorWrote(string Text, string? ClientMessageId, AssistantAnswer Answer) : SessionInput(ClientMessageId);

/// <summary>The visitor pressed a command button.</summary>
public sealed record VisitorPressed(VisitorCommand Command, string? ClientMessageId) : SessionInput(ClientMessageId);

/// <summary>The new state, the messages to append, and the effects to carry out after the commit.</summary>
public sealed record SessionDecision(SessionState State, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<SessionEffect> Effects);

public abstract record SessionEffect;

/// <summary>An event for the reports (chats, escalations, answer quality).</summary>
public sealed record RecordAnalytics(AnalyticsEvent Event) : SessionEffect;

public sealed record AnalyticsEvent(string Type, SessionId SessionId, DateTimeOffset At, IReadOnlyDictionary<string, string> Data);

public static class AnalyticsEventTypes
{
    public const string ChatMessage = "chat_message";
    public const string EscalationRequest = "escalation_request";
}
