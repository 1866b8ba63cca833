namespace Lucine.Functions.Queue;

public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>
    /// Route in a background loop of this process (standalone). Behind the Azure Functions host the
    /// RouteQueue timer function does it instead; tests switch it off and route explicitly. Either way
    /// the queue is also routed on the Timers:RouteQueue schedule when nothing signalled a change (a
    /// safety net after a crash).
    /// </summary>
    public bool RunInBackground { get; set; } = true;
}
