using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Tickets;

public enum ResumeCheck
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>
/// The customer's keys to a ticket, derived (HMAC) from its number under the server key, so nothing
/// is stored: the access code (reads the ticket, never expires) and the resume link (reopens the
/// conversation, signed with its expiry time).
/// </summary>
public sealed class TicketCredentials(IOptions<SecurityOptions> security, IOptions<TicketOptions> options)
{
    private const string ResumeParameter = "lucine_resume";
    private readonly byte[] key = Convert.FromBase64String(security.Value.SessionTokenKey!);

    public string AccessCode(TicketNumber number) => Base64Url.EncodeToString(Mac("lucine/ticket-access/v1/" + number).AsSpan(0, 16));

    public bool IsValidAccess(TicketNumber number, string? code) =>
        code is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code), Encoding.ASCII.GetBytes(AccessCode(number)));

    public string ResumeUrl(TicketNumber number, DateTimeOffset now)
    {
        var expires = (now + options.Value.ResumeLinkLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var token = $"{number}.{expires}.{Signature(number, expires)}";
        var url = options.Value.ResumeUrl;
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + ResumeParameter + "=" + Uri.EscapeDataString(token);
    }

    public ResumeCheck CheckResume(string? token, DateTimeOffset now, out TicketNumber number)
    {
        number = default;
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || !TicketNumber.TryParse(parts[0], out number) || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Signature(number, parts[1]))))
        {
            return ResumeCheck.Invalid;
        }

        return now.ToUnixTimeSeconds() > expires ? ResumeCheck.Expired : ResumeCheck.Valid;
    }

    private string Signature(TicketNumber number, string expires) =>
        Base64Url.EncodeToString(Mac($"lucine/ticket-resume/v1/{number}/{expires}").AsSpan(0, 16));

    private byte[] Mac(string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
}
