namespace Lucine.Functions.Audit;

/// <summary>
/// Endpoint metadata: the endpoint is audited under this action name even when it changes nothing
/// (a read that matters, such as an export). Endpoints of the permission matrix get their name there.
/// </summary>
public sealed record AuditedAction(string Name);

/// <summary>
/// What a handler adds to the entry of the request it serves (the one way to write the audit log):
/// the object when the route does not name it, the actor when nobody is logged in yet (a login's
/// attempted username), and the values that matter. Recorded by <see cref="AuditRecorder"/> after the handler ran.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>Longest actor or object kept: what a caller sends is not trusted to be short.</summary>
    public const int MaxValueLength = 100;

    public string? Actor { get; set; }

    public string? Target { get; set; }

    public Dictionary<string, string> Details { get; } = [];

    /// <summary>The type of the problem the response carries, seen when it is written.</summary>
    internal string? Problem { get; set; }

    public AuditRecord Add(IReadOnlyDictionary<string, string> details)
    {
        foreach (var (name, value) in details)
        {
            Details[name] = value;
        }

        return this;
    }
}

public static class AuditRecords
{
    /// <summary>The audit entry this request will write; a detached one (written nowhere) when the endpoint is not audited.</summary>
    public static AuditRecord Audit(this HttpContext context) => context.Features.Get<AuditRecord>() ?? new AuditRecord();

    /// <summary>Audits a read that matters (an export) under <paramref name="action"/>; state-changing staff endpoints are audited anyway.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AuditedAction(action));
}
