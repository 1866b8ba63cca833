using System.Globalization;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Audit;

/// <summary>A page of the audit log; <see cref="Next"/> is the cursor of the following page, null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);

public static class AuditServices
{
    public const int MaxRangeDays = 366;
    public const int DefaultRangeDays = 7;
    public const int PageSize = 100;
    public const int MaxCsvRows = 50_000;

    /// <summary>The audit log: the recorder of staff actions, its store, and its retention.</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<AuditOptions>(AuditOptions.Section);
        builder.AddTimerFunction(AuditPruner.Timer, "0 17 3 * * *");
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddHostedService<AuditPruner>();

        // Every problem a response carries passes here on its way out: the audit keeps its type.
        builder.Services.PostConfigure<ProblemDetailsOptions>(problems =>
        {
            var customize = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                if (context.HttpContext.Features.Get<AuditRecord>() is { } record)
                {
                    record.Problem = context.ProblemDetails.Type;
                }
            };
        });
        return builder;
    }

    /// <summary>
    /// <c>GET /api/audit</c> and <c>GET /api/audit.csv</c>, admins only, with the same filters. There is
    /// no route that changes or deletes an entry: only retention removes old days.
    /// </summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ReadAsync).WithTags("Audit").WithName("Audit").RequireAuthorization(LucineIdentity.AdminPolicy);
        app.MapGet("/api/audit.csv", CsvAsync).WithTags("Audit").WithName("AuditCsv").RequireAuthorization(LucineIdentity.AdminPolicy);
        app.MapTimerFunction<AuditTrail>(AuditPruner.Timer, async (trail, cancellationToken) => $"{await trail.PruneAsync(cancellationToken)} audit entries pruned");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ReadAsync(
        string? from, string? to, string? actor, string? action, string? @object, string? cursor, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (query, problem) = Query(from, to, actor, action, @object, clock);
        if (problem is not null)
        {
            return problem;
        }

        var after = cursor is null ? null : AuditTrail.ParseCursor(cursor);
        if (cursor is not null && (after is null || after.Day < query!.From || after.Day > query.To))
        {
            return Problems.Invalid("invalid-cursor", "Invalid cursor", "'cursor' must be the 'next' value of a previous page with the same dates.");
        }

        var (entries, next) = await audit.SearchAsync(query!, after, PageSize, cancellationToken);
        return TypedResults.Ok(new AuditPage(entries, next is null ? null : AuditTrail.Cursor(next)));
    }

    /// <summary>Every matching entry (at most <see cref="MaxCsvRows"/>), newest first, written page by page as it is read.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> CsvAsync(
        string? from, string? to, string? actor, string? action, string? @object, HttpContext context, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (query, problem) = Query(from, to, actor, action, @object, clock);
        if (problem is not null)
        {
            return problem;
        }

        context.Audit().Add(new Dictionary<string, string> { ["from"] = DateText.IsoDay(query!.From), ["to"] = DateText.IsoDay(query.To) });
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateText.IsoDay(query.From)}-{DateText.IsoDay(query.To)}.csv\"";
        await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteAsync(AuditCsv.Header);
        AuditCursor? after = null;
        var written = 0;
        do
        {
            (var entries, after) = await audit.SearchAsync(query, after, PageSize, cancellationToken);
            foreach (var entry in entries.Take(MaxCsvRows - written))
            {
                await writer.WriteAsync(AuditCsv.Line(entry));
            }

            written += entries.Count;
        }
        while (after is not null && written < MaxCsvRows);

        return TypedResults.Empty;
    }

    private static (AuditQuery? Query, ProblemHttpResult? Problem) Query(string? from, string? to, string? actor, string? action, string? target, TimeProvider clock)
    {
        if (!QueryDays.TryParse(to, out var lastDay) || !QueryDays.TryParse(from, out var firstDay))
        {
            return (null, Problems.Invalid("invalid-date", "Invalid date", "'from' and 'to' are days as yyyy-MM-dd (UTC)."));
        }

        var last = lastDay ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = firstDay ?? last.AddDays(1 - DefaultRangeDays);
        if (first > last || last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
        {
            return (null, Problems.Invalid("invalid-range", "Invalid date range", $"'from' must not be after 'to', and the range is at most {MaxRangeDays} days."));
        }

        if (!Filter(actor) || !Filter(action) || !Filter(target))
        {
            return (null, Problems.Invalid("invalid-filter", "Invalid filter", $"'actor', 'action' and 'object' are exact values of at most {AuditRecord.MaxValueLength} printable characters."));
        }

        return (new AuditQuery(first, last, Blank(actor), Blank(action), Blank(target)), null);
    }

    private static bool Filter(string? value) => value is null || (value.Length <= AuditRecord.MaxValueLength && !value.Any(char.IsControl));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

}

/// <summary>Prunes the audit log on the <see cref="Timer"/> schedule in standalone mode.</summary>
public sealed class AuditPruner(AuditTrail trail, IOptions<AuditOptions> options, IOptionsMonitor<TimerSchedule> schedules, TimeProvider clock, ILogger<AuditPruner> logger)
    : PeriodicWork(Timer, schedules, clock, logger)
{
    /// <summary>The timer function, and the name of its schedule (Timers:PruneAudit).</summary>
    public const string Timer = "PruneAudit";

    protected override bool Enabled => options.Value.RunInBackground;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => trail.PruneAsync(cancellationToken);
}
