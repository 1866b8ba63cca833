using System.Diagnostics;
using Lucine.Functions.Chat;

namespace Lucine.Functions.Tests.Drills;

/// <summary>
/// One try at sending a message: the status that came back (0 when nothing did: refused, reset, timed out),
/// the problem type of a refusal and whether it said when to retry, when it left on the drill's stopwatch
/// and how long the answer took; for an acknowledgement, when Lucine stored the message.
/// </summary>
public sealed record Attempt(int Status, string? ProblemType, bool HasRetryAfter, TimeSpan SentAt, TimeSpan Latency, DateTimeOffset? StoredAt = null)
{
    public bool Acknowledged => Status == 200;
}

/// <summary>What Lucine stored for a visitor, read back through the API, against what it acknowledged.</summary>
/// <param name="Lost">Acknowledged messages not stored.</param>
/// <param name="Duplicates">Stored copies of a message beyond its first.</param>
/// <param name="Gaps">Sequence numbers missing from the transcript.</param>
/// <param name="Unacknowledged">Messages stored whose sender never got an acknowledgement.</param>
public sealed record ReadBack(int Messages, int Lost, int Duplicates, int Gaps, int Unacknowledged);

/// <summary>
/// A visitor whose widget does what Lucine asks of a client it does not answer: the same message, with the
/// same clientMessageId, again until it is acknowledged (200). It retries after a fixed short pause rather
/// than after Retry-After, so that the drill sees the moment Lucine answers again.
/// </summary>
public sealed class PersistentVisitor(HttpClient http, Stopwatch drill)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    private readonly List<string> acknowledged = [];
    private string? sessionId;
    private string? token;

    public async Task SendAsync(string text, Action<Attempt> observe)
    {
        var clientMessageId = Guid.NewGuid().ToString();
        while (true)
        {
            var attempt = await TryAsync(text, clientMessageId);
            observe(attempt);
            if (attempt.Acknowledged)
            {
                acknowledged.Add(clientMessageId);
                return;
            }

            await Task.Delay(RetryPause);
        }
    }

    public async Task<ReadBack> ReadBackAsync()
    {
        var messages = new List<MessageDto>();
        long after = 0;
        bool more;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chat/{sessionId}/messages?after={after}&limit=200");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadAsync<MessagesResponse>())!;
            messages.AddRange(page.Messages);
            (after, more) = (page.NextAfter, page.HasMore);
        }
        while (more);

        var stored = messages.Where(m => m.Sender == MessageSender.Visitor).Select(m => m.ClientMessageId!).ToList();
        var distinct = stored.ToHashSet();
        var sequences = messages.Select(m => m.Sequence).ToHashSet();

        // Numbered from 1: every number up to the last one is there once.
        var duplicates = stored.Count - distinct.Count + messages.Count - sequences.Count;
        var gaps = sequences.Count == 0 ? 0 : (int)sequences.Max() - sequences.Count;
        return new ReadBack(
            messages.Count, acknowledged.Count(id => !distinct.Contains(id)), duplicates, gaps, distinct.Count(id => !acknowledged.Contains(id)));
    }

    private async Task<Attempt> TryAsync(string text, string clientMessageId)
    {
        var sentAt = drill.Elapsed;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = JsonContent.Create(new { message = text, sessionId, clientMessageId }),
        };
        if (token is not null)
        {
            request.Headers.Add("X-Session-Token", token);
        }

        try
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                string? type = null;
                if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
                {
                    using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    type = problem.RootElement.GetProperty("type").GetString();
                }

                return new Attempt((int)response.StatusCode, type, response.Headers.RetryAfter is not null, sentAt, drill.Elapsed - sentAt);
            }

            var chat = (await response.Content.ReadAsync<ChatResponse>())!;
            var latency = drill.Elapsed - sentAt;

            // A retried first message gets its session's token again: the session is the one its first try opened.
            if (chat.SessionToken is not null)
            {
                (sessionId, token) = (chat.SessionId, chat.SessionToken);
            }

            return new Attempt(200, null, false, sentAt, latency, chat.Messages.Single(m => m.ClientMessageId == clientMessageId).CreatedAt);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Attempt(0, null, false, sentAt, drill.Elapsed - sentAt);
        }
    }
}
