namespace Lucine.Domain.Decisions;

/// <summary>Why an input was refused: <see cref="Code"/> is stable for clients, <see cref="Detail"/> is for people.</summary>
public sealed record Rejection(RejectionKind Kind, string Code, string Detail)
{
    /// <summary>When the input may be tried again (too many messages, a busy aggregate).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Rejection Conflict(string code, string detail) => new(RejectionKind.Conflict, code, detail);

    public static Rejection NotFound(string code, string detail) => new(RejectionKind.NotFound, code, detail);
}

public enum RejectionKind
{
    /// <summary>The input itself is wrong (out of range, too long, characters nobody writes), whatever the state.</summary>
    Invalid,

    /// <summary>Not in a state where this makes sense (already taken, already ended).</summary>
    Conflict,

    /// <summary>Not the acting person's to do (not their chat).</summary>
    Forbidden,

    /// <summary>What the input is about does not exist (no such session, ticket, operator).</summary>
    NotFound,

    /// <summary>Too many inputs in a short time: try again after <see cref="Rejection.RetryAfter"/>.</summary>
    TooManyRequests,

    /// <summary>Other writers kept changing it: try again shortly, safely (idempotently).</summary>
    Busy,
}
