namespace Lucine.Functions.Decisions;

/// <summary>An effect to deliver, with the aggregate it came from (a session id, a ticket number).</summary>
public sealed record Delivery<TEffect>(string Subject, string Key, TEffect Effect)
    where TEffect : Effect;

/// <summary>
/// Carries out one type of effect. It gets every effect of its type in a dispatch at once, so that what
/// can be done together is (one analytics write, one look at the queue). Delivery is at least once:
/// handling the same effect twice must do no harm.
/// </summary>
public interface IEffectHandler<TEffect>
    where TEffect : Effect
{
    Task HandleAsync(IReadOnlyList<Delivery<TEffect>> effects, CancellationToken cancellationToken);
}

/// <summary>When an effect is delivered.</summary>
public enum EffectTiming
{
    /// <summary>Before the request that committed it answers, so that the answer already reflects it.</summary>
    BeforeAnswering,

    /// <summary>Off the request, by the outbox's background dispatch (reports).</summary>
    InBackground,
}

/// <summary>The handler of one effect type, as the dispatcher finds it, and the name its outbox rows store it under.</summary>
public sealed record EffectRoute(Type EffectType, string Kind, EffectTiming Timing, Func<IServiceProvider, IReadOnlyList<PendingEffect>, CancellationToken, Task> Deliver);

/// <summary>Where a kind of aggregate keeps its outbox rows, to forget the delivered ones.</summary>
public interface IOutbox
{
    string Name { get; }

    Task CompleteAsync(string partition, IReadOnlyList<string> keys, CancellationToken cancellationToken);
}

public static class EffectHandlerRegistration
{
    /// <summary>Registers the handler of <typeparamref name="TEffect"/>: every effect type has exactly one.</summary>
    /// <param name="kind">The stable name outbox rows store the effect under (never reuse one for another type).</param>
    public static IServiceCollection AddEffectHandler<TEffect, THandler>(this IServiceCollection services, string kind, EffectTiming timing = EffectTiming.BeforeAnswering)
        where TEffect : Effect
        where THandler : class, IEffectHandler<TEffect>
    {
        services.AddSingleton<IEffectHandler<TEffect>, THandler>();
        services.AddSingleton(new EffectRoute(typeof(TEffect), kind, timing, (provider, effects, cancellationToken) =>
            provider.GetRequiredService<IEffectHandler<TEffect>>().HandleAsync(
                effects.Select(e => new Delivery<TEffect>(e.Owner.Partition, e.Key, (TEffect)e.Effect)).ToList(), cancellationToken)));
        return services;
    }
}
