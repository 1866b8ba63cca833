using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Limits login attempts per client address and per username, in fixed windows shared by all
/// instances. Every attempt counts, successful or not, so that guessing cannot hide among successes.
/// </summary>
public sealed class LoginThrottle(WindowCounter counter, IOptions<OperatorOptions> options, TimeProvider clock)
{
    /// <summary>Counts an attempt; returns how long to wait when either limit is exceeded, or null.</summary>
    public async Task<TimeSpan?> CountAsync(string clientAddress, string username, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var byAddress = await counter.IncrementAsync("login-ip|" + clientAddress, settings.LoginWindow, cancellationToken);
        var byUser = await counter.IncrementAsync("login-user|" + OperatorAccount.Normalize(username), settings.LoginWindow, cancellationToken);
        return byAddress.Count > settings.LoginAttemptsPerAddress || byUser.Count > settings.LoginAttempts
            ? byAddress.WindowEnds - clock.GetUtcNow()
            : null;
    }
}
