namespace Lucine.Functions.Decisions;

/// <summary>An effect to deliver, with the aggregate it came from (a session id, a ticket number).</summary>
public sealed record Delivery<TEffect>(string Subject, string Key, TEffect Effect)
    where TEffect : Effect
{
    /// <summary>Names this effect among every aggregate's, the same on every redelivery: what counting it once goes by.</summary>
    public string EventKey => $"{Subject}-{Key}";
}

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

/// <summary>How the dispatcher finds the handlers of one effect type, and the name its outbox rows store it under.</summary>
/// <param name="Handlers">Every handler of the type, in the order they were registered.</param>
public sealed record EffectRoute(Type EffectType, string Kind, EffectTiming Timing, Func<IServiceProvider, IReadOnlyList<EffectHandling>> Handlers);

/// <summary>One handler of an effect type, and how to hand it effects of that type.</summary>
/// <param name="Handler">The handler itself: what the dispatcher remembers as having completed.</param>
public sealed record EffectHandling(object Handler, Func<IReadOnlyList<PendingEffect>, CancellationToken, Task> DeliverAsync);

/// <summary>Where a kind of aggregate keeps its outbox rows, to forget the delivered ones.</summary>
public interface IOutbox
{
    string Name { get; }

    Task CompleteAsync(string partition, IReadOnlyList<string> keys, CancellationToken cancellationToken);
}

public static class EffectHandlerRegistration
{
    /// <summary>
    /// Registers a handler of <typeparamref name="TEffect"/>. An effect type may have several (the raw
    /// analytics and the reports' rollup): each is idempotent, they run in the order registered, and all
    /// of them share the type's kind and timing.
    /// </summary>
    /// <param name="kind">The stable name outbox rows store the effect under (never reuse one for another type).</param>
    public static IServiceCollection AddEffectHandler<TEffect, THandler>(this IServiceCollection services, string kind, EffectTiming timing = EffectTiming.BeforeAnswering)
        where TEffect : Effect
        where THandler : class, IEffectHandler<TEffect>
    {
        services.AddSingleton<IEffectHandler<TEffect>, THandler>();
        var registered = services.Select(d => d.ImplementationInstance).OfType<EffectRoute>().SingleOrDefault(r => r.EffectType == typeof(TEffect));
        if (registered is not null)
        {
            return registered.Kind == kind && registered.Timing == timing
                ? services
                : throw new InvalidOperationException($"{typeof(TEffect).Name} is stored as \"{registered.Kind}\" ({registered.Timing}); {typeof(THandler).Name} must use the same.");
        }

        services.AddSingleton(new EffectRoute(typeof(TEffect), kind, timing, provider =>
            provider.GetServices<IEffectHandler<TEffect>>()
                .Select(handler => new EffectHandling(handler, (effects, cancellationToken) => handler.HandleAsync(
                    effects.Select(e => new Delivery<TEffect>(e.Owner.Partition, e.Key, (TEffect)e.Effect)).ToList(), cancellationToken)))
                .ToList()));
        return services;
    }
}
