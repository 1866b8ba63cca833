using Microsoft.Extensions.Options;

namespace Lucine.Functions.Sessions;

public sealed class SecurityOptions
{
    public const string Section = "Security";
    public const int MinimumKeyBytes = 32;

    /// <summary>Base64 HMAC key that signs session tokens. Required outside Development.</summary>
    public string? SessionTokenKey { get; set; }
}

/// <summary>
/// Secrets have no defaults: outside Development a missing or weak key stops the app at start.
/// In Development a throwaway key is generated (sessions then do not survive a restart).
/// </summary>
public sealed partial class SecurityOptionsSetup(IHostEnvironment environment, ILogger<SecurityOptionsSetup> logger)
    : IPostConfigureOptions<SecurityOptions>, IValidateOptions<SecurityOptions>
{
    public void PostConfigure(string? name, SecurityOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SessionTokenKey) && environment.IsDevelopment())
        {
            options.SessionTokenKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecurityOptions.MinimumKeyBytes));
            LogThrowawayKey(logger);
        }
    }

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SessionTokenKey))
        {
            return ValidateOptionsResult.Fail(
                $"Security:SessionTokenKey is required (base64, at least {SecurityOptions.MinimumKeyBytes} random bytes; e.g. `openssl rand -base64 32`).");
        }

        var bytes = new byte[options.SessionTokenKey.Length];
        return Convert.TryFromBase64String(options.SessionTokenKey, bytes, out var length) && length >= SecurityOptions.MinimumKeyBytes
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Security:SessionTokenKey must be base64 of at least {SecurityOptions.MinimumKeyBytes} bytes.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security:SessionTokenKey is not set: using a throwaway key for this Development run; session tokens will not survive a restart.")]
    private static partial void LogThrowawayKey(ILogger logger);
}
