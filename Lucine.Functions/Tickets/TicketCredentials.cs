using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucine.Functions.Hosting;
using Lucine.Functions.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;
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
/// conversation, signed with its expiry time); and the link to the rating page, which carries the access code.
/// </summary>
public sealed class TicketCredentials(IOptions<SecurityOptions> security, IOptions<TicketOptions> options, IOptions<NotificationOptions> notifications)
{
    /// <summary>The rating page Lucine serves, when <see cref="TicketOptions.RatingUrl"/> names no other.</summary>
    public const string RatingPage = "/widget/rating.html";

    private const string ResumeParameter = "lucine_resume";
    private readonly byte[] key = Convert.FromBase64String(security.Value.SessionTokenKey!);

    public string AccessCode(TicketNumber number) => Base64Url.EncodeToString(Mac("lucine/ticket-access/v1/" + number).AsSpan(0, 16));

    public bool IsValidAccess(TicketNumber number, string? code) =>
        code is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code), Encoding.ASCII.GetBytes(AccessCode(number)));

    /// <summary>
    /// Null when the caller proved access to ticket <paramref name="number"/> (the access code in
    /// <c>X-Ticket-Access</c>, or <paramref name="access"/> from the query); otherwise the problem to answer.
    /// The code is checked before the ticket is looked up: a wrong code learns nothing about which numbers exist.
    /// </summary>
    public ProblemHttpResult? Refusal(string number, string? access, HttpRequest request, out TicketNumber parsed)
    {
        if (!TicketNumber.TryParse(number, out parsed))
        {
            return Problems.InvalidTicketNumber();
        }

        var code = request.Headers["X-Ticket-Access"].FirstOrDefault() ?? access;
        return string.IsNullOrEmpty(code) ? Problems.TicketAccessRequired()
            : !IsValidAccess(parsed, code) ? Problems.InvalidTicketAccess()
            : null;
    }

    /// <summary>The page where the customer rates a resolved ticket, with its number and access code; null when Lucine's public address is not known.</summary>
    public string? RatingUrl(TicketNumber number)
    {
        var page = options.Value.RatingUrl is { Length: > 0 } configured ? configured
            : notifications.Value.PublicBaseUrl is { Length: > 0 } origin ? origin.TrimEnd('/') + RatingPage
            : null;
        return page is null ? null
            : page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "ticket=" + number + "&access=" + AccessCode(number);
    }

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
