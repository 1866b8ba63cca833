using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Limits failed logins, in fixed windows shared by all instances. Hard limits per (username, address)
/// pair (<see cref="OperatorOptions.LoginFailuresPerPair"/>) and per address
/// (<see cref="OperatorOptions.LoginFailuresPerAddress"/>) stop guessing where it comes from; per
/// username across all addresses only a growing delay applies, so that failures made elsewhere
/// cost the real operator seconds, never the window. Successes do not count, so a whole office
/// behind one address can log in; a success clears the username's failures.
/// </summary>
public sealed class LoginThrottle(WindowCounter counter, IOptions<OperatorOptions> options, TimeProvider clock)
{
    /// <summary>Why and how long to wait, or null: the attempt may be checked.</summary>
    public async Task<LoginRefusal?> RefusesAsync(string clientAddress, string username, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var byPair = await counter.ReadAsync(PairKey(clientAddress, username), settings.LoginWindow, cancellationToken);
        var byAddress = await counter.ReadAsync(AddressKey(clientAddress), settings.LoginWindow, cancellationToken);
        if (byPair.Count >= settings.LoginFailuresPerPair || byAddress.Count >= settings.LoginFailuresPerAddress)
        {
            return new LoginRefusal(Delayed: false, byAddress.WindowEnds - now);
        }

        var byUser = await counter.ReadAsync(UserKey(username), settings.LoginWindow, cancellationToken);
        var wait = byUser.Last + Delay(byUser.Count, settings) - now;
        return wait > TimeSpan.Zero ? new LoginRefusal(Delayed: true, wait.Value) : null;
    }

    public async Task FailedAsync(string clientAddress, string username, CancellationToken cancellationToken)
    {
        var window = options.Value.LoginWindow;
        await counter.IncrementAsync(PairKey(clientAddress, username), window, cancellationToken);
        await counter.IncrementAsync(AddressKey(clientAddress), window, cancellationToken);
        await counter.IncrementAsync(UserKey(username), window, cancellationToken);
    }

    public async Task SucceededAsync(string clientAddress, string username, CancellationToken cancellationToken)
    {
        var window = options.Value.LoginWindow;
        await counter.ResetAsync(UserKey(username), window, cancellationToken);
        await counter.ResetAsync(PairKey(clientAddress, username), window, cancellationToken);
    }

    /// <summary>Nothing under the threshold; then the first delay, doubled at every further failure, capped.</summary>
    public static TimeSpan Delay(int failures, OperatorOptions settings)
    {
        if (failures < settings.LoginFailuresPerUsername)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - settings.LoginFailuresPerUsername, 20);
        var delay = settings.LoginDelay * Math.Pow(2, doublings);
        return delay < settings.LoginMaxDelay ? delay : settings.LoginMaxDelay;
    }

    private static string PairKey(string clientAddress, string username) => "login-pair|" + clientAddress + "|" + OperatorAccount.Normalize(username);

    private static string AddressKey(string clientAddress) => "login-ip|" + clientAddress;

    private static string UserKey(string username) => "login-user|" + OperatorAccount.Normalize(username);
}

/// <summary>A login refused before the password is checked: by a hard limit (the rest of the window) or by the username's delay.</summary>
public sealed record LoginRefusal(bool Delayed, TimeSpan RetryAfter);
