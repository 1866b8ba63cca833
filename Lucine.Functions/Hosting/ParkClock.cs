using Lucine.Functions.Knowledge;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>The current date and time where the park is (Europe/Rome by default), from the injected clock.</summary>
public sealed class ParkClock(TimeProvider clock, IOptions<SeasonOptions> season)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(season.Value.TimeZone);

    public TimeZoneInfo Zone => zone;

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
}
