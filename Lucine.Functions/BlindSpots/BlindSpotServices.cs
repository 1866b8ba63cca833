using Lucine.Functions.Decisions;

namespace Lucine.Functions.BlindSpots;

public static class BlindSpotServices
{
    /// <summary>The assistant's blind spots: counted from the sessions' <see cref="NoteBlindSpot"/> effects, off the visitors' requests.</summary>
    public static IHostApplicationBuilder AddBlindSpots(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BlindSpotInbox>();
        builder.Services.AddEffectHandler<NoteBlindSpot, BlindSpotNotes>("blind-spot", EffectTiming.InBackground);
        return builder;
    }

    public static IEndpointRouteBuilder MapBlindSpots(this IEndpointRouteBuilder app) => app.MapBlindSpotEndpoints();
}
