namespace Lucine.Domain.Attachments;

/// <summary>
/// What a session or a ticket has received in attachments so far: the total size and count (the
/// budget), and the current minute's count (the rate). Kept on the state, so it holds across
/// instances and restarts and costs no storage round trip of its own.
/// </summary>
public sealed record AttachmentBudget(long Bytes, int Count, DateTimeOffset WindowStartedAt, int InWindow);

/// <summary>
/// How much a session or a ticket may receive: each file at most <paramref name="MaxBytes"/>, in all
/// <paramref name="BudgetBytes"/> and <paramref name="MaxCount"/> files, at most <paramref name="PerMinute"/> a minute.
/// The visitor and the operator (the customer and the staff) share one budget: it is what the conversation stores.
/// </summary>
public sealed record AttachmentPolicy(long MaxBytes, long BudgetBytes, int MaxCount, int PerMinute)
{
    public static readonly AttachmentPolicy Default = new(5 * 1024 * 1024, 25 * 1024 * 1024, 20, 6);

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Why <paramref name="attachment"/> may not be added now, or null when it may.</summary>
    public Rejection? Refusal(AttachmentBudget? used, Attachment attachment, DateTimeOffset now)
    {
        if (attachment.Size <= 0 || attachment.Size > MaxBytes)
        {
            return new Rejection(RejectionKind.Invalid, "invalid-attachment", $"An attachment must have 1 to {MaxBytes} bytes.");
        }

        if (used is { } budget && now - budget.WindowStartedAt < Window && budget.InWindow >= PerMinute)
        {
            var wait = budget.WindowStartedAt + Window - now;
            return new Rejection(RejectionKind.TooManyRequests, "too-many-attachments",
                $"At most {PerMinute} attachments a minute can be sent here; retry in {Math.Ceiling(wait.TotalSeconds)} seconds.")
            {
                RetryAfter = wait,
            };
        }

        var (bytes, count) = used is null ? (0L, 0) : (used.Bytes, used.Count);
        return count + 1 > MaxCount || bytes + attachment.Size > BudgetBytes
            ? Rejection.Conflict("attachment-budget-exceeded",
                $"This conversation or ticket can hold at most {MaxCount} attachments and {BudgetBytes / (1024 * 1024)} MiB in all; it has {count} ({Math.Ceiling(bytes / (1024.0 * 1024.0))} MiB).")
            : null;
    }

    /// <summary>The budget with <paramref name="attachment"/> counted (after <see cref="Refusal"/> allowed it).</summary>
    public static AttachmentBudget Count(AttachmentBudget? used, Attachment attachment, DateTimeOffset now) =>
        used is null || now - used.WindowStartedAt >= Window
            ? new AttachmentBudget((used?.Bytes ?? 0) + attachment.Size, (used?.Count ?? 0) + 1, now, 1)
            : used with { Bytes = used.Bytes + attachment.Size, Count = used.Count + 1, InWindow = used.InWindow + 1 };
}
