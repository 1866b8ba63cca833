using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

public sealed class SecurityOptions
{
    public const string Section = "Security";
    public const int MinimumKeyBytes = 32;

    /// <summary>Base64 HMAC key that signs session tokens. Required outside Development.</summary>
    public string? SessionTokenKey { get; set; }

    /// <summary>Base64 HMAC key that signs operator tokens (HS256 JWTs). Required outside Development.</summary>
    public string? OperatorTokenKey { get; set; }

    /// <summary>
    /// Proxies in front of Lucine (the Azure Functions host, a gateway) whose X-Forwarded-For is
    /// believed for rate limits. Empty: the connection's own address counts, and the header is ignored,
    /// so that nobody can dodge a limit by sending it.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>
/// Secrets have no defaults: outside Development a missing or weak key stops the app at start.
/// In Development throwaway keys are generated (sessions and logins then do not survive a restart).
/// </summary>
public sealed partial class SecurityOptionsSetup(IHostEnvironment environment, ILogger<SecurityOptionsSetup> logger)
    : IPostConfigureOptions<SecurityOptions>, IValidateOptions<SecurityOptions>
{
    public void PostConfigure(string? name, SecurityOptions options)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.SessionTokenKey))
        {
            options.SessionTokenKey = ThrowawayKey(nameof(SecurityOptions.SessionTokenKey));
        }

        if (string.IsNullOrWhiteSpace(options.OperatorTokenKey))
        {
            options.OperatorTokenKey = ThrowawayKey(nameof(SecurityOptions.OperatorTokenKey));
        }
    }

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new[] { (nameof(SecurityOptions.SessionTokenKey), options.SessionTokenKey), (nameof(SecurityOptions.OperatorTokenKey), options.OperatorTokenKey) }
            .Select(key => Check(key.Item1, key.Item2))
            .OfType<string>()
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Check(string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"Security:{setting} is required (base64, at least {SecurityOptions.MinimumKeyBytes} random bytes; e.g. `openssl rand -base64 32`).";
        }

        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= SecurityOptions.MinimumKeyBytes
            ? null
            : $"Security:{setting} must be base64 of at least {SecurityOptions.MinimumKeyBytes} bytes.";
    }

    private string ThrowawayKey(string setting)
    {
        LogThrowawayKey(logger, setting);
        return Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecurityOptions.MinimumKeyBytes));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security:{Setting} is not set: using a throwaway key for this Development run; what it signs will not survive a restart.")]
    private static partial void LogThrowawayKey(ILogger logger, string setting);
}
