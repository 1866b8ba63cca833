using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Queue;

public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>
    /// Route in a background loop of this process (standalone). Behind the Azure Functions host the
    /// RouteQueue timer function does it instead; tests switch it off and route explicitly.
    /// </summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the queue is routed even when nothing signalled a change (a safety net after a crash).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SafetyInterval { get; set; } = TimeSpan.FromSeconds(30);
}
