using System.Text.Json;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Privacy;

/// <summary>Customers as the privacy tests need them, and the admins' privacy API.</summary>
public static class PrivacyScenario
{
    public static readonly object Context = new
    {
        pageUrl = "https://lucinedinatale.it/biglietti?utm=mail",
        pageTitle = "Biglietti",
        referrer = "https://www.google.com/",
        device = "mobile",
        language = "it-IT",
        widgetId = "AAAAAAAAAAAAAAAAAAAAAQ",
    };

    /// <summary>With nobody online, a chat that leaves a name and a phone becomes a ticket (SMS, so the confirmation lands in the sink).</summary>
    public static async Task<(string Session, string Ticket)> ChatBecomesTicketAsync(HttpClient http, StaffDesk admin, string name, string phone)
    {
        var visitor = new Visitor(http);
        await visitor.SayAsync("Ho perso i biglietti che ho comprato online", Context);
        await visitor.SayAsync("voglio parlare con un operatore");
        await visitor.PressAsync("request_operator");
        await visitor.SayAsync(name);
        await visitor.SayAsync(phone);
        await visitor.PressAsync("contact_sms");
        var done = await visitor.SayAsync("Vorrei ritrovare i biglietti che ho perso");
        Assert.Equal(SessionStatus.Ended, done.Status);
        var ticket = System.Text.RegularExpressions.Regex.Match(done.Reply, @"LUC-\d{4}-\d{6}").Value;
        Assert.NotEmpty(ticket);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Post, $"/api/operator/tickets/{ticket}/notes", new { text = "Cliente " + name, @public = false })).StatusCode);
        return (visitor.SessionId!, ticket);
    }

    /// <summary>A chat with the assistant alone, ended by the visitor.</summary>
    public static async Task<string> BotChatAsync(HttpClient http)
    {
        var visitor = new Visitor(http);
        await visitor.SayAsync("Quanto costa il biglietto?", Context);
        Assert.Equal(SessionStatus.Ended, (await visitor.PressAsync("end_chat")).Status);
        return visitor.SessionId!;
    }

    public static Task<HttpResponseMessage> ExportAsync(this StaffDesk desk, object subject) => desk.SendAsync(HttpMethod.Post, "/api/admin/privacy/export", subject);

    public static Task<HttpResponseMessage> EraseAsync(this StaffDesk desk, object subject) => desk.SendAsync(HttpMethod.Post, "/api/admin/privacy/erase", subject);

    public static async Task<JsonElement> ExportedAsync(this StaffDesk desk, object subject)
    {
        var response = await desk.ExportAsync(subject);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> ErasedAsync(this StaffDesk desk, object subject)
    {
        var response = await desk.EraseAsync(subject);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) => element.GetProperty(name).EnumerateArray();

    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
