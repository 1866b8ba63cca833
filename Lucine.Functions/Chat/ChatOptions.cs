using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Chat;

public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>The longest visitor message, in characters (Unicode code points, as the widget counts them).</summary>
    [Range(1, 10_000)]
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>The largest request body accepted by the chat endpoint.</summary>
    [Range(1024, 1_048_576)]
    public int MaxRequestBytes { get; set; } = 16 * 1024;

    [Range(1, 1000)]
    public int PageSize { get; set; } = 50;

    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>Messages (and button presses) a visitor may send per minute in one session (load tests raise it).</summary>
    [Range(1, 100_000)]
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>How long a retried first message (same clientMessageId, no session token) still reaches the session it opened; later it is 409 replay-expired.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan FirstMessageReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sessions one client address may open per minute, on this instance.</summary>
    [Range(1, 100_000)]
    public int SessionsPerAddressPerMinute { get; set; } = 20;
}
