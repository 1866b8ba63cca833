using System.Globalization;
using System.Security.Claims;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Privacy;

/// <summary>
/// The admins' answers to a customer's rights: everything Lucine keeps about them (export), and
/// erasing it. Both find the customer by email, phone, ticket number or session id.
/// </summary>
public static class PrivacyEndpoints
{
    public const string Path = "/api/admin/privacy";
    private const int MaxBodyBytes = 2048;

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Privacy").RequireAuthorization(LucineIdentity.AdminPolicy);
        group.MapPost("/export", ExportAsync).WithName("AdminPrivacyExport");
        group.MapPost("/erase", EraseAsync).WithName("AdminPrivacyErase");
        group.MapGet("/erasures/{id}", ErasureAsync).WithName("AdminPrivacyErasure");

        // What the widget shows before the first message; public, from the park's site.
        app.MapGet("/api/widget/settings", (IOptions<WidgetOptions> widget) => TypedResults.Ok(WidgetSettings.From(widget.Value)))
            .WithTags("Chat").WithName("WidgetSettings").RequireCors(CorsPolicies.Widget);
        return app;
    }

    private static async Task<Results<Ok<CustomerExport>, ProblemHttpResult>> ExportAsync(
        HttpRequest request, CustomerRecords records, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (subject, problem) = await ReadSubjectAsync(request, cancellationToken);
        if (subject is null)
        {
            return problem!;
        }

        var export = await records.ExportAsync(subject, await records.FindAsync(subject, cancellationToken), cancellationToken);
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"lucine-export-{subject.Kind}-{day}.json\"";
        return TypedResults.Ok(export);
    }

    private static async Task<Results<Accepted<ErasureResponse>, ProblemHttpResult>> EraseAsync(
        HttpRequest request, ClaimsPrincipal user, ErasureJobs jobs, CancellationToken cancellationToken)
    {
        var (subject, problem) = await ReadSubjectAsync(request, cancellationToken);
        if (subject is null)
        {
            return problem!;
        }

        var job = await jobs.EraseAsync(subject, user.Username()!, cancellationToken);
        return TypedResults.Accepted($"{Path}/erasures/{job.Id}", ErasureResponse.From(job));
    }

    private static async Task<Results<Ok<ErasureResponse>, ProblemHttpResult>> ErasureAsync(string id, ErasureJobs jobs, CancellationToken cancellationToken)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            return Problems.Invalid("invalid-erasure-id", "Invalid erasure id", "An erasure id is the 32 hexadecimal characters the erase request answered.");
        }

        return await jobs.FindAsync(id, cancellationToken) is { } job
            ? TypedResults.Ok(ErasureResponse.From(job))
            : Problems.NotFound("erasure-not-found", "No such erasure", "No erasure has this id.");
    }

    private static async Task<(PrivacySubject? Subject, ProblemHttpResult? Problem)> ReadSubjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PrivacyRequest>(request, MaxBodyBytes, cancellationToken);
        return problem is not null ? (null, problem) : CustomerRecords.Check(body);
    }
}
