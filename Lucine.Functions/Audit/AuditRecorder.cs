using System.Diagnostics.Metrics;
using System.Security.Claims;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Audit;

/// <summary>
/// Writes the audit entry of every staff action, after the handler ran, so that the outcome is the
/// response's: the endpoints of the permission matrix that name an action, any endpoint marked
/// <see cref="AuditedAction"/>, and any other state-changing call of a logged-in operator (an
/// endpoint added without a matrix entry is still recorded, under its endpoint name). It runs before
/// authorization, so refusals (401, 403) are recorded too; a call with no valid token is recorded
/// only on the login endpoint, which has no token by nature, so that anonymous noise does not fill the log.
/// </summary>
/// <remarks>
/// A lost audit write does not turn a done action into a failure: the action happened, and answering
/// 500 would make clients retry something already done. The loss is logged as an error and counted
/// (<c>lucine.audit.lost</c>), for an alert.
/// </remarks>
public sealed partial class AuditRecorder
{
    public const string MeterName = "Lucine.Audit";
    public const string LostInstrument = "lucine.audit.lost";

    private static readonly string[] ObjectRouteValues = ["sessionId", "number", "username", "id", "version"];

    private readonly RequestDelegate next;
    private readonly AuditTrail trail;
    private readonly ClientAddress addresses;
    private readonly TimeProvider clock;
    private readonly ILogger<AuditRecorder> logger;
    private readonly Counter<long> lost;

    public AuditRecorder(RequestDelegate next, AuditTrail trail, ClientAddress addresses, TimeProvider clock, ILogger<AuditRecorder> logger, IMeterFactory meters)
    {
        this.next = next;
        this.trail = trail;
        this.addresses = addresses;
        this.clock = clock;
        this.logger = logger;
        lost = meters.Create(MeterName).CreateCounter<long>(LostInstrument, description: "Audit entries that could not be written (the action itself went through)");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var action = endpoint is null ? null : ActionOf(endpoint, context.Request.Method);
        var operatorCall = context.User.Username() is not null;
        if (action is null || (!operatorCall && !Permissions.IsPublic(endpoint!)))
        {
            await next(context);
            return;
        }

        var record = new AuditRecord();
        context.Features.Set(record);
        var at = clock.GetUtcNow();
        try
        {
            await next(context);
        }
        catch (Exception)
        {
            // The exception handler (or the caller's going away) answers later, outside this
            // middleware: what failed halfway may have done part of its work, so it is recorded too.
            await WriteAsync(context, action, record, at, StatusCodes.Status500InternalServerError);
            throw;
        }

        await WriteAsync(context, action, record, at, context.Response.StatusCode);
    }

    /// <summary>The action an endpoint is audited under, or null when calls to it are not recorded.</summary>
    public static string? ActionOf(Endpoint endpoint, string method)
    {
        if (endpoint.Metadata.GetMetadata<AuditedAction>() is { } marked)
        {
            return marked.Name;
        }

        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name is not null && Permissions.Matrix.TryGetValue(name, out var permission))
        {
            return permission.Audit;
        }

        return Permissions.IsStaff(endpoint) && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
            ? name ?? endpoint.DisplayName ?? "unnamed"
            : null;
    }

    private async Task WriteAsync(HttpContext context, string action, AuditRecord record, DateTimeOffset at, int status)
    {
        var entry = new AuditEntry(
            at,
            Bounded(record.Actor ?? context.User.Username() ?? string.Empty),
            action,
            Bounded(record.Target ?? ObjectOf(context)),
            addresses.Of(context),
            status,
            record.Problem,
            record.Details);
        try
        {
            // Not the request's token: the action is done even if the caller has gone.
            await trail.RecordAsync(entry, CancellationToken.None);
        }
        catch (Exception e)
        {
            lost.Add(1);
            LogLost(logger, entry.Action, entry.Actor, entry.Target, entry.Status, e);
        }
    }

    /// <summary>The object a call acted on: the route's identifier, else what it created (the Location's last segment), else the caller's own account for calls on it.</summary>
    private static string ObjectOf(HttpContext context)
    {
        foreach (var key in ObjectRouteValues)
        {
            if (context.Request.RouteValues.TryGetValue(key, out var value) && value is string { Length: > 0 } text)
            {
                return text;
            }
        }

        if (context.Response.Headers.Location.FirstOrDefault() is { Length: > 0 } location)
        {
            return Uri.UnescapeDataString(location.TrimEnd('/').Split('/')[^1]);
        }

        return context.GetEndpoint() is { } endpoint && Permissions.NameOf(endpoint) is { } name
            && Permissions.Matrix.TryGetValue(name, out var permission) && permission.Ownership == Ownership.OwnAccount
                ? context.User.Username() ?? string.Empty
                : string.Empty;
    }

    private static string Bounded(string value) => value.Length > AuditRecord.MaxValueLength ? value[..AuditRecord.MaxValueLength] : value;

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry lost: {Action} by {Actor} on {Target} ({Status}); the action itself went through.")]
    private static partial void LogLost(ILogger logger, string action, string actor, string target, int status, Exception exception);
}
