using Lucine.Functions.Decisions;

namespace Lucine.Functions.Chat;

/// <summary>Every input a conversation gets (a visitor's, an operator's, the router's, the sweep's) goes through here.</summary>
public sealed class Conversations(DecisionRunner runner, SessionAggregate sessions)
{
    public Task<RunResult<SessionState, SessionDecision>> RunAsync(SessionId id, SessionInput input, RunOptions options, CancellationToken cancellationToken) =>
        runner.RunAsync(sessions, id.Value, input, options, cancellationToken);
}
