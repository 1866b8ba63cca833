using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Attachments;
using Lucine.Functions.Chat;
using Lucine.Functions.History;
using Lucine.Functions.Hosting;
using Lucine.Functions.Notifications;
using Lucine.Functions.Storage;
using Lucine.Functions.Tickets;

namespace Lucine.Functions.Privacy;

/// <summary>One thing an erasure job erases: a session or a ticket, with what hangs from it.</summary>
public sealed record ErasureItem(string Kind, string Id)
{
    public const string Session = "session";
    public const string Ticket = "ticket";

    public override string ToString() => Kind + ":" + Id;

    public static ErasureItem Parse(string text) => text.Split(':', 2) is [var kind, var id] ? new(kind, id) : throw new InvalidDataException($"Not an erasure item: \"{text}\".");
}

/// <summary>Erases one item of an erasure job; doing it again changes nothing.</summary>
public interface IPersonalDataEraser
{
    Task EraseAsync(ErasureItem item, CancellationToken cancellationToken);
}

/// <summary>
/// The personal data of sessions and tickets, where it is stored: erased on request (names, addresses,
/// places and what the customer wrote become <see cref="Marker"/>; the rows, their count and the
/// analytics stay; attached files go), forgotten when its retention ends (the rows and the files go). Each step is idempotent, and the
/// state row, whose fields find the rest, is changed last: a step cut short is simply done again.
/// </summary>
public sealed class PersonalData(
    LucineTables tables, ISessionStore sessions, TicketStore tickets, TicketIndex ticketIndex, NotificationStore notifications, LocalSink sink, ConversationIndex conversations,
    AttachmentBlobs attachments)
    : IPersonalDataEraser
{
    /// <summary>What stands where a customer's words or details were.</summary>
    public const string Marker = "[cancellato]";

    private const int MaxUpdateAttempts = 10;

    public Task EraseAsync(ErasureItem item, CancellationToken cancellationToken) => item.Kind switch
    {
        ErasureItem.Session => RedactSessionAsync(SessionId.Parse(item.Id), cancellationToken),
        ErasureItem.Ticket => RedactTicketAsync(TicketNumber.Parse(item.Id), cancellationToken),
        _ => throw new InvalidDataException($"Unknown erasure item kind \"{item.Kind}\"."),
    };

    public async Task RedactSessionAsync(SessionId id, CancellationToken cancellationToken)
    {
        if (await sessions.ReadStateAsync(id, cancellationToken) is not { } state)
        {
            return;
        }

        // The visitor's words go; so do the assistant's and operators' messages that repeat the name or the address it collected.
        var visitor = Wire.Name(MessageSender.Visitor);
        var ticket = state.Ticket is { } number ? await tickets.ReadStateAsync(number, cancellationToken) : null;
        var mentions = new[] { state.Contact?.Name, state.Contact?.Address, ticket?.Contact.Name, ticket?.Contact.Address }
            .OfType<string>()
            .SelectMany(m => new[] { m, m.TrimStart('+') })
            .Where(m => m.Length > 1 && m != Marker)
            .Distinct()
            .ToList();
        await RedactTextsAsync(tables.Sessions, TableRows.Range(id.Value, SessionRows.MessagePrefix), row =>
            row.GetString("Sender") == visitor || mentions.Any(m => row.GetString("Text")?.Contains(m, StringComparison.OrdinalIgnoreCase) == true), cancellationToken);
        await RedactTextsAsync(tables.Sessions, TableRows.Range(id.Value, TableSessionStore.NotePrefix), _ => true, cancellationToken);
        await conversations.ForgetAsync(id, state.StartedAt, state.LastActivityAt, state.Context?.Visitor, keepAnonymous: true, cancellationToken);
        await attachments.DeleteAllAsync(AttachmentOwner.Chat, id.Value, cancellationToken);
        await ForgetFileNamesAsync(tables.Sessions, TableRows.Range(id.Value, SessionRows.MessagePrefix), cancellationToken);
        await RewriteAsync(tables.Sessions, id.Value, SessionRows.State, row => row.Remove("Contact") | row.Remove("Context") | row.Remove("LastVisitorWords") | row.Remove("UnansweredQuestion") | ForgetComment(row), cancellationToken);
    }

    public async Task RedactTicketAsync(TicketNumber number, CancellationToken cancellationToken)
    {
        if (await tickets.ReadStateAsync(number, cancellationToken) is not { } state)
        {
            return;
        }

        if (state.Contact.Address != Marker)
        {
            await sink.ForgetRecipientAsync(state.Contact.Address, cancellationToken);
            await ticketIndex.AnonymiseAsync(state, Marker, cancellationToken);
        }

        await notifications.AnonymiseTicketAsync(number.ToString(), Marker, cancellationToken);
        var happened = Wire.Name(TicketEntryKind.Event);
        await RedactTextsAsync(tables.Tickets, TableRows.Range(number.ToString(), TicketStore.EntryPrefix), row => row.GetString("Kind") != happened, cancellationToken);
        await attachments.DeleteAllAsync(AttachmentOwner.Ticket, number.ToString(), cancellationToken);
        await ForgetFileNamesAsync(tables.Tickets, TableRows.Range(number.ToString(), TicketStore.EntryPrefix), cancellationToken);
        await RewriteAsync(tables.Tickets, number.ToString(), TicketStore.StateKey, row =>
        {
            var current = JsonSerializer.Deserialize<TicketState>(row.GetString("State"), Wire.Json)!;
            var erased = current with
            {
                Contact = current.Contact with { Name = Marker, Address = Marker },
                Subject = Marker,
                Description = Marker,
                Undeliverable = null,
                Rating = current.Rating is { Comment: not null } rating ? rating with { Comment = Marker } : current.Rating,
            };
            row["State"] = JsonSerializer.Serialize(erased, Wire.Json);
            return erased != current;
        }, cancellationToken);
    }

    /// <summary>A conversation's page and referrer go; the device and language stay for the reports.</summary>
    public Task ForgetPlacesAsync(SessionId id, CancellationToken cancellationToken) =>
        RewriteAsync(tables.Sessions, id.Value, SessionRows.State, row =>
        {
            if (row.GetString("Context") is not { } json || JsonSerializer.Deserialize<VisitorContext>(json, Wire.Json) is not { } context || context is { Page: null, Referrer: null })
            {
                return false;
            }

            row["Context"] = JsonSerializer.Serialize(context with { Page = null, Referrer = null }, Wire.Json);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The session's rows, its history entries and its files go. The files go by the session's prefix, so a
    /// file stored by an upload cut short before its decision (no message names it) goes with them.
    /// </summary>
    public async Task ForgetSessionAsync(SessionState state, CancellationToken cancellationToken)
    {
        await conversations.ForgetAsync(state.Id, state.StartedAt, state.LastActivityAt, state.Context?.Visitor, keepAnonymous: false, cancellationToken);
        await attachments.DeleteAllAsync(AttachmentOwner.Chat, state.Id.Value, cancellationToken);
        await DeletePartitionAsync(tables.Sessions, state.Id.Value, SessionRows.State, cancellationToken);
    }

    /// <summary>The ticket goes with its notifications, its listing, its files (by prefix, as a session's) and the chat it came from.</summary>
    public async Task ForgetTicketAsync(TicketState state, CancellationToken cancellationToken)
    {
        await notifications.ForgetTicketAsync(state.Number.ToString(), cancellationToken);
        await attachments.DeleteAllAsync(AttachmentOwner.Ticket, state.Number.ToString(), cancellationToken);
        await ticketIndex.ForgetAsync(state, cancellationToken);
        if (state.Session is { } id && await sessions.ReadStateAsync(id, cancellationToken) is { } session)
        {
            await ForgetSessionAsync(session, cancellationToken);
        }

        await DeletePartitionAsync(tables.Tickets, state.Number.ToString(), TicketStore.StateKey, cancellationToken);
    }

    /// <summary>The comment of a session's rating goes; the stars stay, like the analytics.</summary>
    private static bool ForgetComment(TableEntity row)
    {
        if (row.GetString("Rating") is not { } json || JsonSerializer.Deserialize<SatisfactionRating>(json, Wire.Json) is not { Comment: { } comment } rating || comment == Marker)
        {
            return false;
        }

        row["Rating"] = JsonSerializer.Serialize(rating with { Comment = Marker }, Wire.Json);
        return true;
    }

    /// <summary>The rows of <paramref name="filter"/> that <paramref name="personal"/> picks get the marker for text.</summary>
    private static async Task RedactTextsAsync(TableClient table, string filter, Func<TableEntity, bool> personal, CancellationToken cancellationToken)
    {
        var rows = (await table.QueryAsync(filter, null, cancellationToken, ["PartitionKey", "RowKey", "Sender", "Kind", "Text"]))
            .Where(row => row.GetString("Text") != Marker && personal(row))
            .ToList();
        foreach (var chunk in rows.Chunk(LucineTables.MaxBatchOperations))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(row.PartitionKey, row.RowKey) { ["Text"] = Marker }, ETag.All)),
                cancellationToken);
        }
    }

    /// <summary>
    /// The files are gone, and a file's name can be personal ("passaporto_mario_rossi.jpg"): the messages and
    /// entries that carried one keep its type and size for the history, with the marker for a name.
    /// </summary>
    private static async Task ForgetFileNamesAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var rows = (await table.QueryAsync(filter, null, cancellationToken, ["PartitionKey", "RowKey", "Attachment"]))
            .Select(row => (row, attachment: row.GetString("Attachment") is { } json ? JsonSerializer.Deserialize<Attachment>(json, Wire.Json) : null))
            .Where(found => found.attachment is { } attachment && attachment.Name != Marker)
            .ToList();
        foreach (var chunk in rows.Chunk(LucineTables.MaxBatchOperations))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(found => new TableTransactionAction(
                    TableTransactionActionType.UpdateMerge,
                    new TableEntity(found.row.PartitionKey, found.row.RowKey) { ["Attachment"] = JsonSerializer.Serialize(found.attachment! with { Name = Marker }, Wire.Json) },
                    ETag.All)),
                cancellationToken);
        }
    }

    /// <summary>Changes a state row in place, guarded by its ETag against the aggregate's own writers.</summary>
    /// <param name="change">Changes the row given; false when there was nothing to change.</param>
    private static Task RewriteAsync(TableClient table, string partition, string row, Func<TableEntity, bool> change, CancellationToken cancellationToken) =>
        table.UpdateAsync(partition, row, stored => stored, written => written, current =>
        {
            if (current is null)
            {
                return null;
            }

            var copy = new TableEntity(current);
            return change(copy) ? copy : null;
        }, MaxUpdateAttempts, cancellationToken);

    /// <summary>Every row of the partition, the state row last: a retry after a failure still finds what to delete.</summary>
    private static async Task DeletePartitionAsync(TableClient table, string partition, string stateKey, CancellationToken cancellationToken)
    {
        var keys = (await table.QueryAsync(TableRows.Partition(partition), null, cancellationToken, ["RowKey"])).Select(row => row.RowKey).ToList();
        await table.DeleteAsync(partition, [.. keys.Where(key => key != stateKey)], cancellationToken);
        await table.DeleteAsync(partition, [stateKey], cancellationToken);
    }
}
