using System.Runtime.CompilerServices;

namespace Lucine.Functions.Knowledge;

/// <summary>The workflows built on one knowledge base version: what a decision and its texts are made with.</summary>
public sealed record KnowledgeWorkflows(KnowledgeBase Knowledge, SessionWorkflow Sessions, TicketWorkflow Tickets);

/// <summary>
/// Hands out the workflows of the current knowledge base, built once per version (not per request)
/// and forgotten with it.
/// </summary>
public sealed class CurrentWorkflows(KnowledgeSource source, MessageRatePolicy rate, SessionTimeouts timeouts, QueuePolicy queue, TicketRules tickets)
{
    private readonly ConditionalWeakTable<KnowledgeBase, KnowledgeWorkflows> built = new();

    public async ValueTask<KnowledgeWorkflows> CurrentAsync(CancellationToken cancellationToken)
    {
        var knowledge = await source.CurrentAsync(cancellationToken);
        return built.GetValue(knowledge, k => new KnowledgeWorkflows(k, new SessionWorkflow(k, rate, timeouts, queue, tickets), new TicketWorkflow(k, tickets)));
    }
}
