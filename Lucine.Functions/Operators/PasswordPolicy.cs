using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Operators;

/// <summary>
/// Hashes and checks operator passwords (ASP.NET Core Identity's PBKDF2 format, versioned and salted).
/// A password must be long enough and not among the passwords guessed first (the list shipped with the
/// app, <c>Operators/common-passwords.txt</c>, read once): length alone lets "password1234" through.
/// </summary>
public sealed class PasswordPolicy(IOptions<OperatorOptions> options, IHostEnvironment environment)
{
    public const string CommonPasswordsFile = "Operators/common-passwords.txt";

    private readonly PasswordHasher<OperatorAccount> hasher = new();

    private readonly HashSet<string> common = File.ReadLines(Path.Combine(environment.ContentRootPath, CommonPasswordsFile))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A reason the password is not acceptable, or null.</summary>
    public string? Weakness(string password) =>
        password.Length < options.Value.MinimumPasswordLength ? $"The password must be at least {options.Value.MinimumPasswordLength} characters long."
        : common.Contains(password.Trim()) ? "This password is among the most common ones and would be guessed first; choose another."
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
