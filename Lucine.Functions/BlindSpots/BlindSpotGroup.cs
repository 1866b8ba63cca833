using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.BlindSpots;

/// <summary>What admins decided about a group: nothing yet, answered by a topic of the knowledge base, or not worth an answer.</summary>
public enum BlindSpotStatus
{
    Open,
    Answered,
    Dismissed,
}

/// <summary>One question as a visitor asked it, without contacts; forgotten with the conversations it came from.</summary>
public sealed record BlindSpotExample(DateTimeOffset At, string Text, Language Language);

/// <summary>
/// The questions with the same keywords: how many, when first and last, the newest examples, and what
/// admins decided. A note is counted once by its marker row, beside the group in its partition
/// (<see cref="EventMarkers"/>).
/// </summary>
public sealed record BlindSpotGroup(
    string Id,
    IReadOnlyList<string> Keywords,
    int Count,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<BlindSpotExample> Examples,
    BlindSpotStatus Status,
    string? Topic)
{
    public const int MaxExamples = 3;

    public const int IdLength = 16;

    public const string Partition = "group";

    /// <summary>The group's id from its keywords: the same keywords are the same group on every instance.</summary>
    public static string IdOf(IReadOnlyList<string> keywords) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', keywords))))[..IdLength];

    public static bool IsId(string id) => id.Length == IdLength && id.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// The group with one more question (the caller counts each note once). A question on a
    /// group answered by a topic opens it again: the assistant still did not know. A dismissed group
    /// stays dismissed, and counts.
    /// </summary>
    public static BlindSpotGroup Noted(BlindSpotGroup? group, NoteBlindSpot note)
    {
        var example = new BlindSpotExample(note.At, note.Example, note.Language);
        if (group is null)
        {
            return new BlindSpotGroup(IdOf(note.Keywords), note.Keywords, 1, note.At, note.At, [example], BlindSpotStatus.Open, null);
        }

        return group with
        {
            Count = group.Count + 1,
            FirstSeen = note.At < group.FirstSeen ? note.At : group.FirstSeen,
            LastSeen = note.At > group.LastSeen ? note.At : group.LastSeen,
            Examples = [.. group.Examples.Append(example).OrderByDescending(e => e.At).Take(MaxExamples)],
            Status = group.Status == BlindSpotStatus.Answered ? BlindSpotStatus.Open : group.Status,
        };
    }

    /// <summary>The examples still within the conversations' retention period at <paramref name="cutoff"/>.</summary>
    public BlindSpotGroup KeptAfter(DateTimeOffset cutoff) =>
        Examples.All(e => e.At >= cutoff) ? this : this with { Examples = [.. Examples.Where(e => e.At >= cutoff)] };

    public static BlindSpotGroup Read(TableEntity row) => new(
        row.RowKey,
        (row.GetString(nameof(Keywords)) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        row.Int(nameof(Count)),
        row.GetDateTimeOffset(nameof(FirstSeen)) ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset(nameof(LastSeen)) ?? DateTimeOffset.MinValue,
        JsonSerializer.Deserialize<List<BlindSpotExample>>(row.GetString(nameof(Examples)) ?? "[]", Wire.Json) ?? [],
        Wire.Parse<BlindSpotStatus>(row.GetString(nameof(Status)) ?? Wire.Name(BlindSpotStatus.Open)),
        row.GetString(nameof(Topic)));

    public TableEntity Write() => new TableEntity(Partition, Id)
        .With(nameof(Keywords), string.Join(' ', Keywords))
        .With(nameof(Count), Count)
        .With(nameof(FirstSeen), FirstSeen)
        .With(nameof(LastSeen), LastSeen)
        .With(nameof(Examples), JsonSerializer.Serialize(Examples, Wire.Json))
        .With(nameof(Status), Wire.Name(Status))
        .With(nameof(Topic), Topic);
}
