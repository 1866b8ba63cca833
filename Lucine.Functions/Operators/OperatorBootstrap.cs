using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Creates the first admin from configuration (<c>Operators:Bootstrap</c>) when no operator has that
/// username yet. There is no default account and no default password: without configuration nothing
/// is created, and an existing account is never changed from here.
/// </summary>
public sealed partial class OperatorBootstrap(
    OperatorStore store,
    PasswordPolicy passwords,
    IOptions<OperatorOptions> options,
    TimeProvider clock,
    ILogger<OperatorBootstrap> logger) : IHostedService
{
    /// <summary>Runs after <see cref="TableInitializer"/> (hosted services start in registration order).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bootstrap = options.Value.Bootstrap;
        if (string.IsNullOrWhiteSpace(bootstrap.Username))
        {
            return;
        }

        var username = OperatorAccount.Normalize(bootstrap.Username);
        if (!OperatorAccount.IsValidUsername(username))
        {
            throw new OptionsValidationException(OperatorOptions.Section, typeof(OperatorOptions),
                ["Operators:Bootstrap:Username must be 3 to 40 characters among a-z, 0-9, '.', '_' and '-'."]);
        }

        if (await store.FindAsync(username, cancellationToken) is not null)
        {
            return;
        }

        if (bootstrap.Password is not { } password || passwords.Weakness(password) is { } weakness)
        {
            throw new OptionsValidationException(OperatorOptions.Section, typeof(OperatorOptions),
                [$"Operators:Bootstrap:Password is required to create the first admin \"{username}\". {passwords.Weakness(bootstrap.Password ?? string.Empty)}"]);
        }

        var admin = new OperatorAccount(
            username, bootstrap.DisplayName is { Length: > 0 } name ? name : username, null, OperatorRole.Admin, passwords.Hash(password),
            Active: true, OperatorAvailability.Offline, options.Value.DefaultCapacity, [], clock.GetUtcNow(), OperatorTokens.NewStamp());
        if (await store.CreateAsync(admin, cancellationToken))
        {
            LogCreated(logger, username);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first admin \"{Username}\" from Operators:Bootstrap. Remove the password from the configuration now that the account exists.")]
    private static partial void LogCreated(ILogger logger, string username);
}
