using Lucine.Functions.Decisions;

namespace Lucine.Functions.Realtime;

/// <summary>Tells the visitor and the operators involved what a session decision changed.</summary>
public sealed class SessionUpdates(RealtimePublisher realtime) : IEffectHandler<PublishUpdate>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<PublishUpdate>> effects, CancellationToken cancellationToken)
    {
        foreach (var update in effects)
        {
            await realtime.PublishAsync(SessionId.Parse(update.Subject), update.Effect, cancellationToken);
        }
    }
}

/// <summary>Warns operators about their chats (a first answer overdue).</summary>
public sealed class ChatAlerts(RealtimePublisher realtime) : IEffectHandler<AlertOperator>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<AlertOperator>> effects, CancellationToken cancellationToken)
    {
        foreach (var alert in effects)
        {
            await realtime.AlertAsync(SessionId.Parse(alert.Subject), alert.Effect, cancellationToken);
        }
    }
}

/// <summary>Shows the operator in charge the page their visitor is on now.</summary>
public sealed class PageChanges(RealtimePublisher realtime) : IEffectHandler<PageChanged>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<PageChanged>> effects, CancellationToken cancellationToken)
    {
        foreach (var changed in effects)
        {
            await realtime.PageChangedAsync(SessionId.Parse(changed.Subject), changed.Effect, cancellationToken);
        }
    }
}
