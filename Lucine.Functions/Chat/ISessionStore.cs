using Lucine.Functions.Decisions;

namespace Lucine.Functions.Chat;

/// <summary>
/// Where sessions live. A session's state, messages, records of handled client message ids and
/// undelivered effects are stored together, so that one decision is written whole or not at all.
/// </summary>
public interface ISessionStore
{
    /// <summary>
    /// What running an input needs, in one read: the state, what an earlier request with the same
    /// client message id produced (if any), and effects committed before <paramref name="leftBefore"/>
    /// and not delivered yet. Null: no such session.
    /// </summary>
    Task<Loaded<SessionState>?> LoadAsync(SessionId id, string? clientMessageId, DateTimeOffset leftBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a decision in one atomic step, provided the session is still at the version it was loaded
    /// at. Throws <see cref="AggregateConflictException"/> when another writer got there first. Returns
    /// the effects as stored, to be delivered.
    /// </summary>
    Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<SessionDecision> commit, CancellationToken cancellationToken);

    /// <summary>The state alone (one point read). Null: no such session.</summary>
    Task<SessionState?> ReadStateAsync(SessionId id, CancellationToken cancellationToken);

    /// <summary>Messages numbered after <paramref name="after"/>, oldest first, with the current state. Null: no such session.</summary>
    Task<MessagePage?> ReadMessagesAsync(SessionId id, long after, int limit, CancellationToken cancellationToken);

    /// <summary>Adds an operators' note to a session; notes are never part of the visitor's messages.</summary>
    Task<SessionNote> AddNoteAsync(SessionId id, string author, string text, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<SessionNote>> ReadNotesAsync(SessionId id, CancellationToken cancellationToken);
}

/// <summary>An internal note operators leave on a chat.</summary>
public sealed record SessionNote(string Id, string Author, string Text, DateTimeOffset At);

public sealed record MessagePage(SessionState State, IReadOnlyList<ChatMessage> Messages, bool HasMore);

public static class SessionTranscripts
{
    /// <summary>The whole conversation, oldest first, page by page, with the state. Null: no such session.</summary>
    public static async Task<MessagePage?> ReadAllMessagesAsync(this ISessionStore store, SessionId id, int pageSize, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>();
        for (long after = 0; ;)
        {
            if (await store.ReadMessagesAsync(id, after, pageSize, cancellationToken) is not { } page)
            {
                return null;
            }

            messages.AddRange(page.Messages);
            if (!page.HasMore || page.Messages.Count == 0)
            {
                return new MessagePage(page.State, messages, HasMore: false);
            }

            after = page.Messages[^1].Sequence;
        }
    }
}
