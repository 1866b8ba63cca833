using System.Runtime.CompilerServices;

namespace Lucine.Functions.Knowledge;

/// <summary>The workflows built on one knowledge base version and the seasons as seen today: what a decision and its texts are made with.</summary>
public sealed record KnowledgeWorkflows(KnowledgeBase Knowledge, SessionWorkflow Sessions, TicketWorkflow Tickets);

/// <summary>
/// Hands out the workflows of the current knowledge base with the seasons as seen today, built again
/// only when either changes (not per request), and forgotten with the knowledge base version.
/// </summary>
public sealed class CurrentWorkflows(
    KnowledgeSource source, Seasons seasons, MessageRatePolicy rate, SessionTimeouts timeouts, QueuePolicy queue, TicketRules tickets, AttachmentPolicy attachments)
{
    private readonly ConditionalWeakTable<KnowledgeBase, Built> built = new();

    public async ValueTask<KnowledgeWorkflows> CurrentAsync(CancellationToken cancellationToken)
    {
        var knowledge = await source.CurrentAsync(cancellationToken);
        var season = await seasons.TodayAsync(cancellationToken);
        var last = built.GetValue(knowledge, _ => new Built());
        if (last.Workflows is { } workflows && workflows.Knowledge.Season == season)
        {
            return workflows;
        }

        var seasonal = knowledge.WithSeason(season);
        workflows = new KnowledgeWorkflows(seasonal, new SessionWorkflow(seasonal, rate, timeouts, queue, tickets, attachments),
            new TicketWorkflow(seasonal, tickets, attachments));
        last.Workflows = workflows;
        return workflows;
    }

    /// <summary>The workflows last built on one knowledge base version (a race builds twice, harmlessly).</summary>
    private sealed class Built
    {
        public volatile KnowledgeWorkflows? Workflows;
    }
}
