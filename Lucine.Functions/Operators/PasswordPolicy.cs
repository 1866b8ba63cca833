using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>Hashes and checks operator passwords (ASP.NET Core Identity's PBKDF2 format, versioned and salted).</summary>
public sealed class PasswordPolicy(IOptions<OperatorOptions> options)
{
    private readonly PasswordHasher<OperatorAccount> hasher = new();

    /// <summary>A reason the password is not acceptable, or null.</summary>
    public string? Weakness(string password) =>
        password.Length < options.Value.MinimumPasswordLength
            ? $"The password must be at least {options.Value.MinimumPasswordLength} characters long."
            : null;

    public string Hash(string password) => hasher.HashPassword(null!, password);

    /// <summary>Checks a password; with no account, spends the same time checking a dummy hash so that unknown usernames do not answer faster.</summary>
    public bool Verify(OperatorAccount? account, string password)
    {
        var result = hasher.VerifyHashedPassword(null!, account?.PasswordHash is { Length: > 0 } hash ? hash : DummyHash, password);
        return account is not null && result != PasswordVerificationResult.Failed;
    }

    private static readonly string DummyHash = new PasswordHasher<OperatorAccount>().HashPassword(null!, Guid.NewGuid().ToString());
}
