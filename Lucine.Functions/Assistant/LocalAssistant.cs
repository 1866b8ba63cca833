namespace Lucine.Functions.Assistant;

/// <summary>The assistant that answers from the knowledge base alone, in-process.</summary>
public sealed class LocalAssistant : IAssistant
{
    public int ConversationMemory => 0;

    public Task<AssistantAnswer> AnswerAsync(KnowledgeBase knowledge, AssistantQuestion question, CancellationToken cancellationToken) =>
        Task.FromResult(new LocalAnswerer(knowledge).Answer(question));
}
