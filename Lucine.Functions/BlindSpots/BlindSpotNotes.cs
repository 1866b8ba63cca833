using Lucine.Functions.Decisions;

namespace Lucine.Functions.BlindSpots;

/// <summary>Counts the assistant's blind spots, off the visitor's request; each note counted with its marker, so a redelivery counts once.</summary>
public sealed class BlindSpotNotes(BlindSpotInbox inbox) : IEffectHandler<NoteBlindSpot>
{
    public async Task HandleAsync(IReadOnlyList<Delivery<NoteBlindSpot>> effects, CancellationToken cancellationToken)
    {
        // One group at a time: notes on the same group would only race each other.
        foreach (var delivery in effects)
        {
            await inbox.NoteAsync(delivery.Effect, delivery.EventKey, cancellationToken);
        }
    }
}
