using System.Globalization;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.History;

/// <summary>
/// Ended conversations, written once when each ends (from the outbox, idempotently: the same end
/// writes the same rows) so that the history is never a scan of the sessions. Two kinds of partition
/// in one table, with the same row keys (inverted end ticks + session id: newest first):
/// the UTC end day ("yyyyMMdd"), which operators search, and "v-" + the visitor's hashed widget id,
/// their earlier conversations.
/// </summary>
public sealed class ConversationIndex(LucineTables tables, IOptions<HistoryOptions> options)
{
    private const string DayFormat = "yyyyMMdd";
    private const string VisitorPrefix = "v-";
    private const int MaxPreviewLength = 140;

    /// <summary>Folded words kept for search; a longer conversation is searched by its first words.</summary>
    private const int MaxWordsLength = 8000;

    public async Task RecordAsync(SessionId session, ConversationEnded ended, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var visitorLines = messages.Where(m => m.Sender == MessageSender.Visitor).Select(m => m.Text).ToList();
        var key = RowKey(ended.EndedAt, session);
        var row = new TableEntity(Day(DateOnly.FromDateTime(ended.EndedAt.UtcDateTime)), key)
        {
            ["SessionId"] = session.Value,
            ["StartedAt"] = ended.StartedAt,
            ["EndedAt"] = ended.EndedAt,
            ["Outcome"] = Wire.Name(ended.Outcome),
            ["MessageCount"] = messages.Count,
            ["Words"] = Words(visitorLines),
        }
        .With("Operator", ended.Operator?.Username)
        .With("OperatorName", ended.Operator?.DisplayName)
        .With("Language", ended.Language?.Code())
        .With("Preview", visitorLines.FirstOrDefault() is { } first ? Preview(first) : null);
        await tables.ConversationIndex.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);

        if (ended.Visitor is { } visitor)
        {
            // The visitor's list needs no words: a copy of the rest under their partition.
            row.Remove("Words");
            row.PartitionKey = VisitorPrefix + visitor;
            await tables.ConversationIndex.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>
    /// The visitor's latest ended conversations, newest first, but not the one on screen: the
    /// session's own rows count only when they ended before its current conversation began (a
    /// session that ended and was taken up again is the same visitor's earlier conversation).
    /// </summary>
    public async Task<IReadOnlyList<ConversationSummary>> EarlierAsync(string visitor, SessionId current, DateTimeOffset currentStartedAt, int limit, CancellationToken cancellationToken)
    {
        // The current conversation has at most one row (once it ends): one more than asked covers it.
        var rows = await tables.ConversationIndex.QueryAsync(TableRows.Partition(VisitorPrefix + visitor), limit + 1, cancellationToken);
        return rows.Select(ToSummary)
            .Where(c => c.SessionId != current.Value || c.EndedAt < currentStartedAt)
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// One page of the history after <paramref name="cursor"/>: the day partitions of the range, newest
    /// first, filtered by storage on outcome, operator and language, and here on the words. At most
    /// <see cref="HistoryOptions.MaxRowsPerRequest"/> rows are read; a page that stops there has a cursor.
    /// </summary>
    public async Task<ConversationListResponse> SearchAsync(ConversationQuery query, ConversationCursor? cursor, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var items = new List<ConversationSummary>();
        var budget = settings.MaxRowsPerRequest;
        for (var day = cursor?.Day ?? query.To; day >= query.From; day = day.AddDays(-1))
        {
            var filter = Filter(query, day, cursor is { } at && at.Day == day ? at.After : null);
            await foreach (var row in tables.ConversationIndex.QueryAsync<TableEntity>(filter, maxPerPage: budget, cancellationToken: cancellationToken))
            {
                budget--;
                if (Matches(row, query.Words))
                {
                    items.Add(ToSummary(row));
                }

                if (items.Count == settings.PageSize || budget == 0)
                {
                    return new ConversationListResponse(items, Cursor(new ConversationCursor(day, row.RowKey)));
                }
            }
        }

        return new ConversationListResponse(items, null);
    }

    /// <summary>
    /// Takes a session's conversations out of the history (<paramref name="keepAnonymous"/>: they stay,
    /// counted, without the visitor's words), and out of the visitor's list in any case. Its ends lie
    /// between <paramref name="startedAt"/> and <paramref name="lastActivityAt"/>: only those days are read.
    /// </summary>
    public async Task ForgetAsync(SessionId session, DateTimeOffset startedAt, DateTimeOffset lastActivityAt, string? visitor, bool keepAnonymous, CancellationToken cancellationToken)
    {
        var partitions = new List<string>();
        for (var day = DateOnly.FromDateTime(startedAt.UtcDateTime); day <= DateOnly.FromDateTime(lastActivityAt.UtcDateTime); day = day.AddDays(1))
        {
            partitions.Add(Day(day));
        }

        if (visitor is not null)
        {
            partitions.Add(VisitorPrefix + visitor);
        }

        foreach (var partition in partitions)
        {
            var rows = await tables.ConversationIndex.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and SessionId eq {session.Value}"), null, cancellationToken);
            if (keepAnonymous && !partition.StartsWith(VisitorPrefix, StringComparison.Ordinal))
            {
                foreach (var row in rows)
                {
                    row.Remove("Words");
                    row.Remove("Preview");
                    await tables.ConversationIndex.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace, cancellationToken);
                }
            }
            else
            {
                await tables.ConversationIndex.DeleteAsync(partition, [.. rows.Select(row => row.RowKey)], cancellationToken);
            }
        }
    }

    /// <summary>Forgets at most <paramref name="max"/> rows of the days before <paramref name="day"/> (the visitors' partitions sort after every day).</summary>
    public Task<int> ForgetDaysBeforeAsync(DateOnly day, int max, CancellationToken cancellationToken) =>
        tables.ConversationIndex.DeletePartitionsBeforeAsync(Day(day), max, cancellationToken);

    public static string Cursor(ConversationCursor cursor) => Day(cursor.Day) + "." + cursor.After;

    /// <summary>A cursor this index gave out, or null.</summary>
    public static ConversationCursor? ParseCursor(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && parts[1].Length == 20 + SessionId.Length
            && parts[1][..19].All(char.IsAsciiDigit) && parts[1][19] == '-'
            && SessionId.TryParse(parts[1][20..], out _)
                ? new ConversationCursor(day, parts[1])
                : null;
    }

    private static string Filter(ConversationQuery query, DateOnly day, string? after)
    {
        var conditions = new List<string> { TableRows.Partition(Day(day)) };
        if (after is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (query.Outcome is { } outcome)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Outcome eq {Wire.Name(outcome)}"));
        }

        if (query.Operator is { } username)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Operator eq {username}"));
        }

        if (query.Language is { } language)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Language eq {language.Code()}"));
        }

        return string.Join(" and ", conditions);
    }

    /// <summary>Every word asked for begins one of the visitor's words ("bigliett" finds "biglietti").</summary>
    private static bool Matches(TableEntity row, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return true;
        }

        var said = (row.GetString("Words") ?? string.Empty).Split(' ');
        return words.All(word => said.Any(w => w.StartsWith(word, StringComparison.Ordinal)));
    }

    private static string Words(IEnumerable<string> lines)
    {
        var words = new System.Text.StringBuilder();
        foreach (var word in lines.SelectMany(TextNormalizer.Tokens).Distinct(StringComparer.Ordinal))
        {
            if (words.Length + word.Length + 1 > MaxWordsLength)
            {
                break;
            }

            words.Append(words.Length == 0 ? string.Empty : " ").Append(word);
        }

        return words.ToString();
    }

    private static string Preview(string text) => text.Length <= MaxPreviewLength ? text : text[..MaxPreviewLength].TrimEnd() + "…";

    private static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>Newest first: later ends sort lower; the session id keeps two ends in one tick apart.</summary>
    private static string RowKey(DateTimeOffset endedAt, SessionId session) =>
        (DateTimeOffset.MaxValue.UtcTicks - endedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + session.Value;

    private static ConversationSummary ToSummary(TableEntity row) => new(
        row.GetString("SessionId"),
        row.GetDateTimeOffset("StartedAt") ?? default,
        row.GetDateTimeOffset("EndedAt") ?? default,
        Wire.Parse<SessionOutcome>(row.GetString("Outcome")),
        row.GetString("Operator"),
        row.GetString("OperatorName"),
        row.GetString("Language"),
        row.Int("MessageCount"),
        row.GetString("Preview"));
}
