using Lucine.Domain;
using Lucine.Domain.Assistant;

namespace Lucine.Functions.Assistant;

/// <summary>The assistant that answers from the knowledge base alone, in-process.</summary>
public sealed class LocalAssistant(KnowledgeBase knowledge) : IAssistant
{
    private readonly LocalAnswerer answerer = new(knowledge);

    public Task<AssistantAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken) =>
        Task.FromResult(answerer.Answer(question));
}
