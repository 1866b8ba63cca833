using System.Globalization;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Audit;

public static class AuditServices
{
    private const int MaxDays = 31;
    private const int MaxEntries = 500;

    /// <summary>The record of staff changes: who changed what, and when.</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        return builder;
    }

    /// <summary><c>GET /api/audit?until=yyyy-MM-dd&amp;days=7</c>: admins read the staff changes, newest first.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ReadAsync).WithTags("Audit").WithName("Audit").RequireAuthorization(LucineIdentity.AdminPolicy);
        return app;
    }

    private static async Task<Results<Ok<ItemsResponse<AuditEntry>>, ProblemHttpResult>> ReadAsync(
        string? until, int? days, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var last = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (until is not null && !DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last))
        {
            return Problems.Invalid("invalid-date", "Invalid date", "'until' must be a date as yyyy-MM-dd.");
        }

        if (days is < 1 or > MaxDays)
        {
            return Problems.Invalid("invalid-days", "Invalid number of days", $"'days' must be between 1 and {MaxDays}.");
        }

        return TypedResults.Ok(new ItemsResponse<AuditEntry>(await audit.ReadAsync(last, days ?? 7, MaxEntries, cancellationToken)));
    }
}
