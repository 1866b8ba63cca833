using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lucine.Functions.Chat;
using Lucine.Functions.Hosting;

namespace Lucine.Bench;

/// <summary>
/// A season of conversations for demos and the reports' benchmark, made through the real API of a
/// real Lucine (in this process, on the given storage) whose clock is moved by hand: each day from
/// 17:30 in Rome, visitors in groups of 8 at once ask the assistant and end the chat (70 %), ask for a
/// person whom an operator answers and closes (15 %), leave a ticket with their email and what they need through the
/// chat (10 %, half of them then answered and resolved by an operator), or ask what the assistant does
/// not know (5 %); four in ten of the chats with an operator and one in ten of the assistant's are
/// rated. Nothing is written to the report tables: the outbox counts it all as it happens.
/// </summary>
internal sealed partial class SeasonSeed(ManualClock clock, HttpClient http, string adminPassword)
{
    public const int Operators = 4;
    private const int Group = 8;
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private static readonly string[] Italian = ["Quanto costa il biglietto?", "Dove posso parcheggiare?", "A che ora aprite?", "Si può entrare con il cane?", "C'è un bagno per disabili?"];
    private static readonly string[] English = ["How much is the ticket?", "Where can I park?", "What time do you open?"];

    private readonly Random random = new(2026);
    private readonly Dictionary<string, string> tokens = [];

    public int Tickets { get; private set; }

    public int Escalated { get; private set; }

    public int Ratings { get; private set; }

    /// <summary>Fills <paramref name="days"/> days ending yesterday with <paramref name="conversations"/> conversations in all.</summary>
    public async Task RunAsync(DateOnly firstDay, int days, int conversations, Action<string> progress)
    {
        var perDay = Math.Max(1, conversations / days);
        var done = 0;
        for (var d = 0; d < days && done < conversations; d++)
        {
            var day = firstDay.AddDays(d);
            var opening = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(17, 30)), Rome);
            clock.Set(new DateTimeOffset(opening, TimeSpan.Zero));
            await LoginAllAsync();
            var today = d == days - 1 ? conversations - done : Math.Min(perDay, conversations - done);
            var groups = (today + Group - 1) / Group;
            var step = TimeSpan.FromMinutes(330.0 / Math.Max(1, groups));
            for (var g = 0; g < groups; g++)
            {
                var size = Math.Min(Group, today - (g * Group));
                await GroupAsync(done, size);
                done += size;
                clock.Set(new DateTimeOffset(opening, TimeSpan.Zero) + ((g + 1) * step));
            }

            progress($"{ReportDay(day)}: {today} conversations ({done} in all)");
        }
    }

    private static string ReportDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Operators are hired once (the admin from the bootstrap), logged in again every day (tokens last 8 hours).</summary>
    private async Task LoginAllAsync()
    {
        tokens["admin"] = await LoginAsync("admin", adminPassword);
        for (var i = 1; i <= Operators; i++)
        {
            var username = $"operatore{i}";
            if (!tokens.ContainsKey(username))
            {
                var created = await SendAsync("admin", HttpMethod.Post, "/api/operators", new { username, displayName = $"Operatore {i}", password = adminPassword + "-op", role = "operator", capacity = 5 });
                if (created.StatusCode != HttpStatusCode.Conflict)
                {
                    created.EnsureSuccessStatusCode();
                }
            }

            tokens[username] = await LoginAsync(username, adminPassword + "-op");
            (await SendAsync(username, HttpMethod.Put, "/api/operators/me/availability", new { availability = "online" })).EnsureSuccessStatusCode();
        }
    }

    private async Task<string> LoginAsync(string username, string password)
    {
        var response = await http.PostAsJsonAsync("/api/operators/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private async Task GroupAsync(int first, int size)
    {
        var kinds = Enumerable.Range(first, size).Select(i => (i * 7919) % 20).ToList();
        var visitors = await Task.WhenAll(kinds.Select(kind => OpenAsync(kind)));

        // The operators answer after a wait of their own, then the chats go on a few minutes.
        clock.Advance(TimeSpan.FromSeconds(random.Next(10, 150)));
        var withOperator = visitors.Where(v => v.Chat.Status == SessionStatus.WithOperator).ToList();
        await Task.WhenAll(withOperator.Select(async v => (await SendAsync(v.Operator!, HttpMethod.Post, $"/api/operator/chats/{v.Chat.SessionId}/messages", new { text = "Buonasera, come posso aiutarla?" })).EnsureSuccessStatusCode()));
        clock.Advance(TimeSpan.FromMinutes(random.Next(2, 12)));
        await Task.WhenAll(withOperator.Select(async v => (await SendAsync(v.Operator!, HttpMethod.Post, $"/api/operator/chats/{v.Chat.SessionId}/close", new { outcome = "resolved" })).EnsureSuccessStatusCode()));
        Escalated += withOperator.Count;

        var leaving = visitors.Where(v => v.Chat.Status is SessionStatus.Bot or SessionStatus.ConfirmingEscalation or SessionStatus.Queued).ToList();
        await Task.WhenAll(leaving.Select(v => PressAsync(v.Chat, "end_chat")));

        // Some rate what they had: four in ten of those an operator helped, one in ten of the assistant's.
        clock.Advance(TimeSpan.FromMinutes(1));
        var raters = withOperator.Where(_ => random.Next(10) < 4).Concat(leaving.Where(_ => random.Next(10) == 0)).ToList();
        await Task.WhenAll(raters.Select(v => RateAsync(v.Chat, Score())));
        Ratings += raters.Count;

        // Half of the tickets left today are answered and resolved by an operator within the hour.
        clock.Advance(TimeSpan.FromMinutes(random.Next(5, 50)));
        foreach (var (ticket, i) in visitors.Where(v => v.Ticket is not null).Select((v, i) => (v.Ticket!, i)))
        {
            Tickets++;
            if (i % 2 == 0)
            {
                var by = $"operatore{1 + (random.Next() % Operators)}";
                (await SendAsync(by, HttpMethod.Post, $"/api/operator/tickets/{ticket}/reply", new { text = "Le abbiamo risposto via email." })).EnsureSuccessStatusCode();
                (await SendAsync(by, HttpMethod.Post, $"/api/operator/tickets/{ticket}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
            }
        }
    }

    private sealed record Opened(ChatResponse Chat, string? Operator, string? Ticket);

    private async Task<Opened> OpenAsync(int kind)
    {
        var english = kind % 5 == 4;
        var questions = english ? English : Italian;
        var chat = await PostAsync(new { message = questions[kind % questions.Length] }, null);
        switch (kind)
        {
            case >= 14 and <= 16:
                chat = await PostAsync(new { message = english ? "can I talk to a human" : "voglio parlare con un operatore", sessionId = chat.SessionId }, chat.SessionToken);
                chat = await PostAsync(new { action = "request_operator", sessionId = chat.SessionId }, chat.SessionToken);
                var history = await SendAsync("admin", HttpMethod.Get, $"/api/operator/chats/{chat.SessionId}");
                var assigned = (await history.Content.ReadFromJsonAsync<JsonObject>())?["operator"]?["username"]?.GetValue<string>();
                return new Opened(chat, assigned, null);
            case 17 or 18:
                chat = await PostAsync(new { action = "request_ticket", sessionId = chat.SessionId }, chat.SessionToken);
                chat = await PostAsync(new { message = "Maria Rossi", sessionId = chat.SessionId }, chat.SessionToken);
                chat = await PostAsync(new { message = $"visitatore{random.Next(1_000_000)}@example.com", sessionId = chat.SessionId }, chat.SessionToken);
                chat = chat.SmartActions.Any(a => a.Action == "confirm_need")
                    ? await PostAsync(new { action = "confirm_need", sessionId = chat.SessionId }, chat.SessionToken)
                    : await PostAsync(new { message = "Vorrei prenotare una visita per un gruppo scolastico", sessionId = chat.SessionId }, chat.SessionToken);
                return new Opened(chat, null, TicketNumber().Match(string.Join('\n', chat.Messages.Select(m => m.Text))) is { Success: true } found ? found.Value : null);
            case 19:
                chat = await PostAsync(new { message = english ? "Do you sell reindeer food?" : "Vendete cibo per le renne?", sessionId = chat.SessionId }, chat.SessionToken);
                return new Opened(chat, null, null);
            default:
                return new Opened(chat, null, null);
        }
    }

    private async Task PressAsync(ChatResponse chat, string action) => await PostAsync(new { action, sessionId = chat.SessionId }, chat.SessionToken);

    /// <summary>Mostly content, as the owners' figures say (4.6 of 5): half give 5, a third 4, the rest 1 to 3.</summary>
    private int Score() => random.Next(12) switch { < 6 => 5, < 10 => 4, 10 => 3, _ => 1 + random.Next(2) };

    /// <summary>A rating where the chat allows one (an ended chat that was not a ticket); a chat that cannot be rated is left alone.</summary>
    private async Task RateAsync(ChatResponse chat, int score)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chat/{chat.SessionId}/rating") { Content = JsonContent.Create(new { score }) };
        request.Headers.Add("X-Session-Token", chat.SessionToken);
        var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task<ChatResponse> PostAsync(object body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add("X-Session-Token", token);
        }

        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var chat = (await response.Content.ReadFromJsonAsync<ChatResponse>(Wire.Json))!;
        return chat with { SessionToken = chat.SessionToken ?? token };
    }

    private async Task<HttpResponseMessage> SendAsync(string who, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[who]);
        return await http.SendAsync(request);
    }

    [GeneratedRegex(@"LUC-\d{4}-\d{6}")]
    private static partial Regex TicketNumber();
}
