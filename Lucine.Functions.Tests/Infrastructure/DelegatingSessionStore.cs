using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>The real session store, with the calls a test or benchmark wants to watch or disturb overridden.</summary>
public abstract class DelegatingSessionStore(ISessionStore inner) : ISessionStore
{
    public virtual Task<Loaded<SessionState>?> LoadAsync(SessionId id, string? clientMessageId, DateTimeOffset leftBefore, CancellationToken cancellationToken) =>
        inner.LoadAsync(id, clientMessageId, leftBefore, cancellationToken);

    public virtual Task<IReadOnlyList<PendingEffect>> CommitAsync(Commit<SessionDecision> commit, CancellationToken cancellationToken) =>
        inner.CommitAsync(commit, cancellationToken);

    public virtual Task<SessionState?> ReadStateAsync(SessionId id, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(id, cancellationToken);

    public virtual Task<MessagePage?> ReadMessagesAsync(SessionId id, long after, int limit, CancellationToken cancellationToken) =>
        inner.ReadMessagesAsync(id, after, limit, cancellationToken);

    public virtual Task<SessionNote> AddNoteAsync(SessionId id, string author, string text, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.AddNoteAsync(id, author, text, at, cancellationToken);

    public virtual Task<IReadOnlyList<SessionNote>> ReadNotesAsync(SessionId id, CancellationToken cancellationToken) =>
        inner.ReadNotesAsync(id, cancellationToken);
}
