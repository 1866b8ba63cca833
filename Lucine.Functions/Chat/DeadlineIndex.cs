using Lucine.Functions.Storage;

namespace Lucine.Functions.Chat;

/// <summary>When each session must next act on its own (its <see cref="Deadline"/>).</summary>
public sealed class DeadlineIndex(LucineTables tables) : DueIndex(tables.Deadlines, "due")
{
    public Task AddAsync(SessionId session, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        AddAsync(session.Value, dueAt, cancellationToken);
}
