using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Queue;

namespace Lucine.Functions.Operators;

/// <summary>
/// What becomes of an operator's chats when they leave the desk. Each chat decides for itself (a chat
/// that is not theirs any more refuses, and stays as it is); then the queue is routed, so that the
/// chats handed back reach whoever is free.
/// </summary>
public sealed class OperatorDeparture(Conversations conversations, QueueRouter router)
{
    /// <summary>Offline by choice, or deactivated: every chat goes back to the queue, ahead of new ones.</summary>
    public Task ReleaseChatsAsync(OperatorAccount account, string scope, CancellationToken cancellationToken) =>
        LeaveAsync(account, new OperatorReleases(account.Ref, Supervising: false), scope, cancellationToken);

    /// <summary>Gone without a word (no connection for the grace period): see <see cref="OperatorLost"/>.</summary>
    public Task HandOverAsync(OperatorAccount account, string scope, CancellationToken cancellationToken) =>
        LeaveAsync(account, new OperatorLost(account.Ref), scope, cancellationToken);

    private async Task LeaveAsync(OperatorAccount account, SessionInput input, string scope, CancellationToken cancellationToken)
    {
        foreach (var chat in account.Chats)
        {
            if (SessionId.TryParse(chat, out var session))
            {
                await conversations.RunAsync(session, input, new RunOptions(scope), cancellationToken);
            }
        }

        await router.RouteAsync(cancellationToken);
    }
}
