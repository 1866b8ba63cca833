using Lucine.Functions.BlindSpots;
using Lucine.Functions.Decisions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lucine.Functions.Tests.BlindSpots;

/// <summary>
/// The real blind-spot handler, watched: a test awaits the notes it expects (written to storage
/// first) instead of polling for the background dispatch.
/// </summary>
public sealed class ObservedBlindSpots(BlindSpotNotes inner) : IEffectHandler<NoteBlindSpot>
{
    private readonly Lock gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> waiting = [];
    private int handled;

    /// <summary>Replaces the handler the app registers.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new ObservedBlindSpots(new BlindSpotNotes(sp.GetRequiredService<BlindSpotInbox>())));
        services.Replace(ServiceDescriptor.Singleton<IEffectHandler<NoteBlindSpot>>(sp => sp.GetRequiredService<ObservedBlindSpots>()));
    }

    public async Task HandleAsync(IReadOnlyList<Delivery<NoteBlindSpot>> effects, CancellationToken cancellationToken)
    {
        await inner.HandleAsync(effects, cancellationToken);
        lock (gate)
        {
            handled += effects.Count;
            foreach (var (count, done) in waiting.Where(w => w.Count <= handled))
            {
                done.TrySetResult();
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> notes in all have been handled.</summary>
    public Task HandledAsync(int count)
    {
        lock (gate)
        {
            if (handled >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
