using System.Security.Claims;
using Lucine.Functions.Audit;
using Lucine.Functions.Hosting;
using Lucine.Functions.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Reports;

/// <summary>The body of <c>POST /api/admin/reports/rebuild</c>: the park-local days to count again.</summary>
public sealed record RebuildRequest(string? From, string? To);

/// <summary>
/// The reports, answered from the daily aggregates only: the overview and its CSV (supervisors and
/// admins), one operator's figures (an operator their own), and the admins' rebuild from the raw events.
/// </summary>
public static class ReportEndpoints
{
    public const int MaxRangeDays = 366;
    public const int DefaultRangeDays = 7;
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports");
        group.MapGet("/overview", OverviewAsync).WithName("ReportOverview").RequireAuthorization(LucineIdentity.SupervisorPolicy);
        group.MapGet("/overview.csv", CsvAsync).WithName("ReportOverviewCsv").RequireAuthorization(LucineIdentity.SupervisorPolicy);
        group.MapGet("/operators/{username}", OperatorAsync).WithName("ReportOperator").RequireAuthorization(LucineIdentity.OperatorPolicy);
        app.MapPost("/api/admin/reports/rebuild", RebuildAsync).WithTags("Reports").WithName("AdminReportsRebuild").RequireAuthorization(LucineIdentity.AdminPolicy);
        return app;
    }

    private static async Task<Results<Ok<OverviewReport>, ProblemHttpResult>> OverviewAsync(
        string? from, string? to, string? tz, ReportStore store, ParkClock park, CancellationToken cancellationToken)
    {
        var (range, problem) = Range(from, to, tz, store, park);
        if (problem is not null)
        {
            return problem;
        }

        var days = await store.ReadAsync(range.From, range.To, withFigures: true, cancellationToken);
        return TypedResults.Ok(ReportViews.Overview(range.From, range.To, store.Zone.Id, days));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CsvAsync(
        string? from, string? to, string? tz, HttpContext context, ReportStore store, ParkClock park, CancellationToken cancellationToken)
    {
        var (range, problem) = Range(from, to, tz, store, park);
        if (problem is not null)
        {
            return problem;
        }

        var days = await store.ReadAsync(range.From, range.To, withFigures: true, cancellationToken);
        var (first, last) = (DateText.IsoDay(range.From), DateText.IsoDay(range.To));
        context.Audit().Add(new Dictionary<string, string> { ["from"] = first, ["to"] = last });
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"report-{first}-{last}.csv\"";
        return TypedResults.Text(ReportCsv.Write(ReportViews.Overview(range.From, range.To, store.Zone.Id, days)), "text/csv; charset=utf-8");
    }

    private static async Task<Results<Ok<OperatorReport>, ProblemHttpResult>> OperatorAsync(
        string username, string? from, string? to, string? tz, ClaimsPrincipal user, ReportStore store, ParkClock park, CancellationToken cancellationToken)
    {
        var name = OperatorAccount.Normalize(username);
        if (!OperatorAccount.IsValidUsername(name))
        {
            return Problems.Invalid("invalid-username", "Invalid username", "A username has 3 to 40 characters among a-z, 0-9, '.', '_' and '-'.");
        }

        if (!user.MaySupervise() && name != user.Username())
        {
            return Problems.Forbidden("An operator sees their own figures only.");
        }

        var (range, problem) = Range(from, to, tz, store, park);
        if (problem is not null)
        {
            return problem;
        }

        var days = await store.ReadAsync(range.From, range.To, withFigures: false, cancellationToken);
        return TypedResults.Ok(ReportViews.Operator(name, range.From, range.To, store.Zone.Id, days));
    }

    private static async Task<Results<Ok<RebuildResult>, ProblemHttpResult>> RebuildAsync(
        HttpRequest request, HttpContext context, ReportRebuild rebuild, ReportStore store, ParkClock park, CancellationToken cancellationToken)
    {
        var (body, invalid) = await JsonBody.ReadAsync<RebuildRequest>(request, MaxBodyBytes, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body?.From is null || body.To is null)
        {
            return Problems.Invalid("invalid-date", "Invalid date", "'from' and 'to' are required, as yyyy-MM-dd (park-local days).");
        }

        var (range, problem) = Range(body.From, body.To, null, store, park);
        if (problem is not null)
        {
            return problem;
        }

        context.Audit().Add(new Dictionary<string, string> { ["from"] = body.From, ["to"] = body.To });
        return TypedResults.Ok(await rebuild.RunAsync(range.From, range.To, cancellationToken));
    }

    /// <summary>The days asked for, park-local; the last <see cref="DefaultRangeDays"/> up to today when not said.</summary>
    private static ((DateOnly From, DateOnly To) Range, ProblemHttpResult? Problem) Range(string? from, string? to, string? tz, ReportStore store, ParkClock park)
    {
        if (tz is not null && tz != store.Zone.Id)
        {
            return (default, Problems.Invalid("report-time-zone", "Unsupported time zone", $"Reports are by the park's days: 'tz' may only be {store.Zone.Id}."));
        }

        if (!QueryDays.TryParse(to, out var lastDay) || !QueryDays.TryParse(from, out var firstDay))
        {
            return (default, Problems.Invalid("invalid-date", "Invalid date", "'from' and 'to' are days as yyyy-MM-dd (park-local)."));
        }

        var last = lastDay ?? park.Today;
        var first = firstDay ?? last.AddDays(1 - DefaultRangeDays);
        if (first > last || last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
        {
            return (default, Problems.Invalid("report-range", "Invalid report range", $"'from' must not be after 'to', and a report covers at most {MaxRangeDays} days."));
        }

        return ((first, last), null);
    }
}
