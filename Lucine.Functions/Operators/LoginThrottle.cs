using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Limits failed logins, in fixed windows shared by all instances: per username
/// (<see cref="OperatorOptions.LoginFailuresPerUsername"/>) and per client address
/// (<see cref="OperatorOptions.LoginFailuresPerAddress"/>). Successes do not count, so a whole office
/// behind one address can log in; a success clears the username's failures.
/// </summary>
public sealed class LoginThrottle(WindowCounter counter, IOptions<OperatorOptions> options, TimeProvider clock)
{
    /// <summary>How long to wait when either limit is reached already, or null: the attempt may be checked.</summary>
    public async Task<TimeSpan?> RefusesAsync(string clientAddress, string username, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var byAddress = await counter.ReadAsync(AddressKey(clientAddress), settings.LoginWindow, cancellationToken);
        var byUser = await counter.ReadAsync(UserKey(username), settings.LoginWindow, cancellationToken);
        return byAddress.Count >= settings.LoginFailuresPerAddress || byUser.Count >= settings.LoginFailuresPerUsername
            ? byAddress.WindowEnds - clock.GetUtcNow()
            : null;
    }

    public async Task FailedAsync(string clientAddress, string username, CancellationToken cancellationToken)
    {
        var window = options.Value.LoginWindow;
        await counter.IncrementAsync(AddressKey(clientAddress), window, cancellationToken);
        await counter.IncrementAsync(UserKey(username), window, cancellationToken);
    }

    public Task SucceededAsync(string username, CancellationToken cancellationToken) =>
        counter.ResetAsync(UserKey(username), options.Value.LoginWindow, cancellationToken);

    private static string AddressKey(string clientAddress) => "login-ip|" + clientAddress;

    private static string UserKey(string username) => "login-user|" + OperatorAccount.Normalize(username);
}
