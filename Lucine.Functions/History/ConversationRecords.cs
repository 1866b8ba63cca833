using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Privacy;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.History;

/// <summary>
/// Indexes each conversation as it ends, with what the visitor said in it (read once, here, from the
/// session's messages), and when its personal data is due to go. Delivered again, it writes the same rows.
/// </summary>
public sealed class ConversationRecords(ConversationIndex index, ISessionStore sessions, RetentionSchedule retention, IOptions<ChatOptions> options) : IEffectHandler<ConversationEnded>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<ConversationEnded>> effects, CancellationToken cancellationToken)
    {
        foreach (var (subject, _, ended) in effects)
        {
            var id = SessionId.Parse(subject);
            var transcript = await sessions.ReadAllMessagesAsync(id, options.Value.MaxPageSize, cancellationToken)
                             ?? throw new InvalidOperationException($"Session {id} ended but has no state.");

            // A session that restarted holds earlier conversations too: only this one's messages count.
            var messages = transcript.Messages.Where(m => m.At >= ended.StartedAt && m.At <= ended.EndedAt).ToList();
            await index.RecordAsync(id, ended, messages, cancellationToken);
            await retention.ConversationEndedAsync(id, ended.EndedAt, cancellationToken);
        }
    }
}
