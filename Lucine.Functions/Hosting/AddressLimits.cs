using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Per-address limits on what anyone may do without an account (open sessions, use the public ticket
/// API), with ASP.NET Core's rate limiters: a fixed window per client address, the address as
/// <see cref="ClientAddress"/> reads it (the trusted-proxy rule of logins). The windows are kept in
/// this instance's memory: with N instances an address gets up to N times the limit, which is enough
/// against a flood from one address; the stored limits (logins, ticket creations) hold across instances.
/// </summary>
public static class AddressLimits
{
    /// <summary>The limiter of a policy applied to a whole group of endpoints (the rate limiting middleware).</summary>
    public static IServiceCollection AddAddressPolicy(this IServiceCollection services, string policy, Func<IServiceProvider, (int Permits, TimeSpan Window)> limit, Func<TimeSpan, ProblemHttpResult> refusal)
    {
        services.AddRateLimiter(options => options.AddPolicy(policy, context =>
        {
            var (permits, window) = limit(context.RequestServices);
            return RateLimitPartition.GetFixedWindowLimiter(context.RequestServices.GetRequiredService<ClientAddress>().Of(context), _ => Window(permits, window));
        }));
        services.AddSingleton(new AddressPolicy(policy, refusal));
        return services;
    }

    /// <summary>Every refusal is problem+json with its policy's stable type and Retry-After.</summary>
    public static IServiceCollection AddAddressLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options => options.OnRejected = (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var refusal = context.RequestServices.GetServices<AddressPolicy>().Single(p => p.Name == policy).Refusal;
            return new ValueTask(Refuse(context, refusal(wait), wait));
        });

    /// <summary>Answers <paramref name="problem"/> with when to try again.</summary>
    public static Task Refuse(HttpContext context, ProblemHttpResult problem, TimeSpan wait)
    {
        SetRetryAfter(context.Response, wait);
        return problem.ExecuteAsync(context);
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private sealed record AddressPolicy(string Name, Func<TimeSpan, ProblemHttpResult> Refusal);
}

/// <summary>
/// A per-address limit an endpoint applies itself, for when what counts is known only from the body
/// (a chat request opens a session only when it names none).
/// </summary>
public sealed class AddressLimiter(ClientAddress addresses, int permits, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter =
        PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => AddressLimits.Window(permits, window)));

    /// <summary>Counts one action of the caller's address; how long to wait when over the limit, else null.</summary>
    public TimeSpan? Refuses(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(addresses.Of(context));
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
    }

    public void Dispose() => limiter.Dispose();
}
