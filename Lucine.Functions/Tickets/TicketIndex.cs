using System.Globalization;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Privacy;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tickets;

/// <summary>A ticket as the operators' list shows it.</summary>
public sealed record TicketSummary(
    string Number,
    TicketStatus Status,
    TicketPriority Priority,
    SlaState Sla,
    string? Assignee,
    string Subject,
    string CustomerName,
    ContactChannel Channel,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    bool Undeliverable);

/// <summary>What the operators' list is narrowed to; null means any.</summary>
public sealed record TicketFilter(TicketStatus? Status, TicketPriority? Priority, string? Assignee, SlaState? Sla, string? Text);

/// <summary>
/// Derived lookups of tickets, kept in step by each ticket's outbox: the operators' list (one
/// partition, newest first, filterable by status, priority, assignee and SLA state), and the tickets
/// of each customer contact (to find the ticket an inbound WhatsApp or SMS belongs to).
/// </summary>
public sealed class TicketIndex(LucineTables tables, RetentionSchedule retention)
{
    private const string ListPartition = "list";

    public async Task ApplyAsync(TicketState state, CancellationToken cancellationToken)
    {
        var key = ListKey(state.Number);
        var current = await tables.TicketIndex.FindAsync(ListPartition, key, cancellationToken);
        if (current is not null && current.Long("LastSequence") > state.LastSequence)
        {
            // A later change of this ticket was indexed already: an older one delivered late must not undo it.
            return;
        }

        var running = new[] { state.FirstResponse, state.Resolution }.Where(c => c.IsRunning).Select(c => (DateTimeOffset?)c.DueAt).Min();
        await tables.TicketIndex.UpsertEntityAsync(new TableEntity(ListPartition, key)
        {
            ["Number"] = state.Number.ToString(),
            ["Status"] = Wire.Name(state.Status),
            ["Priority"] = Wire.Name(state.Priority),
            ["Sla"] = Wire.Name(state.Sla),
            ["Assignee"] = state.Assignee ?? string.Empty,
            ["Subject"] = state.Subject,
            ["CustomerName"] = state.Contact.Name,
            ["Channel"] = Wire.Name(state.Contact.Channel),
            ["Address"] = state.Contact.Address,
            ["CreatedAt"] = state.CreatedAt,
            ["UpdatedAt"] = state.UpdatedAt,
            ["Undeliverable"] = state.Undeliverable is not null,
            ["LastSequence"] = state.LastSequence,
        }.With("NextDueAt", running), TableUpdateMode.Replace, cancellationToken);

        // The contact's row changes only when the ticket opens or closes (a ticket's contact is fixed).
        var wasOpen = current is null ? (bool?)null : Wire.Parse<TicketStatus>(current.GetString("Status")) != TicketStatus.Closed;
        if (wasOpen != state.IsOpen)
        {
            await tables.TicketIndex.UpsertEntityAsync(
                new TableEntity(ContactPartition(state.Contact.Address), state.Number.ToString()) { ["Open"] = state.IsOpen }, TableUpdateMode.Replace, cancellationToken);
            if (!state.IsOpen)
            {
                await retention.TicketClosedAsync(state.Number, state.UpdatedAt, cancellationToken);
            }
        }
    }

    /// <summary>Every ticket of a contact (a phone number or an email address), open or closed.</summary>
    public async Task<IReadOnlyList<TicketNumber>> TicketsOfAsync(string address, CancellationToken cancellationToken) =>
        (await tables.TicketIndex.QueryAsync(TableRows.Partition(ContactPartition(address)), null, cancellationToken, ["RowKey"]))
        .Select(r => TicketNumber.TryParse(r.RowKey, out var number) ? number : (TicketNumber?)null)
        .OfType<TicketNumber>()
        .ToList();

    /// <summary>The ticket stays in the list without its customer: no name, no address, no subject, and no row under the contact.</summary>
    public async Task AnonymiseAsync(TicketState state, string marker, CancellationToken cancellationToken)
    {
        await tables.TicketIndex.DeleteEntityAsync(ContactPartition(state.Contact.Address), state.Number.ToString(), Azure.ETag.All, cancellationToken);
        try
        {
            await tables.TicketIndex.UpdateEntityAsync(
                new TableEntity(ListPartition, ListKey(state.Number)) { ["CustomerName"] = marker, ["Address"] = marker, ["Subject"] = marker }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (StorageFailures.IsNotFound(e))
        {
            // Not listed yet (its first change is still in the outbox): the listing will come from the anonymised state.
        }
    }

    /// <summary>The ticket leaves the list and its contact's lookup.</summary>
    public async Task ForgetAsync(TicketState state, CancellationToken cancellationToken)
    {
        await tables.TicketIndex.DeleteEntityAsync(ContactPartition(state.Contact.Address), state.Number.ToString(), Azure.ETag.All, cancellationToken);
        await tables.TicketIndex.DeleteEntityAsync(ListPartition, ListKey(state.Number), Azure.ETag.All, cancellationToken);
    }

    /// <summary>The newest open ticket of a contact (a phone number or an email address), if any.</summary>
    public async Task<TicketNumber?> OpenTicketOfAsync(string address, CancellationToken cancellationToken)
    {
        var partition = ContactPartition(address);
        var rows = await tables.TicketIndex.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Open eq true"), null, cancellationToken);
        return rows.Select(r => TicketNumber.TryParse(r.RowKey, out var number) ? number : (TicketNumber?)null)
            .OfType<TicketNumber>()
            .OrderByDescending(n => (n.Year, n.Sequence))
            .Cast<TicketNumber?>()
            .FirstOrDefault();
    }

    /// <summary>
    /// One page of the list, newest first, after the cursor of the previous page. Status, priority,
    /// assignee and SLA state are filtered by storage; the text (number, subject, customer, contact)
    /// here, reading on until the page is full.
    /// </summary>
    public async Task<(IReadOnlyList<TicketSummary> Items, string? Next)> ListAsync(TicketFilter filter, string? after, int limit, CancellationToken cancellationToken)
    {
        var conditions = new List<string> { TableRows.Partition(ListPartition) };
        if (after is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        if (filter.Status is { } status)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Status eq {Wire.Name(status)}"));
        }

        if (filter.Priority is { } priority)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Priority eq {Wire.Name(priority)}"));
        }

        if (filter.Assignee is { } assignee)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Assignee eq {assignee}"));
        }

        if (filter.Sla is { } sla)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Sla eq {Wire.Name(sla)}"));
        }

        var items = new List<TicketSummary>();
        await foreach (var row in tables.TicketIndex.QueryAsync<TableEntity>(string.Join(" and ", conditions), cancellationToken: cancellationToken))
        {
            if (filter.Text is not { } text || Matches(row, text))
            {
                items.Add(ToSummary(row));
                if (items.Count == limit)
                {
                    return (items, row.RowKey);
                }
            }
        }

        return (items, null);
    }

    private static bool Matches(TableEntity row, string text) =>
        new[] { "Number", "Subject", "CustomerName", "Address" }.Any(name => row.GetString(name)?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    private static TicketSummary ToSummary(TableEntity row) => new(
        row.GetString("Number"),
        Wire.Parse<TicketStatus>(row.GetString("Status")),
        Wire.Parse<TicketPriority>(row.GetString("Priority")),
        Wire.Parse<SlaState>(row.GetString("Sla")),
        row.GetString("Assignee") is { Length: > 0 } assignee ? assignee : null,
        row.GetString("Subject"),
        row.GetString("CustomerName"),
        Wire.Parse<ContactChannel>(row.GetString("Channel")),
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetDateTimeOffset("NextDueAt"),
        row.Flag("Undeliverable"));

    /// <summary>Newest first: later years and higher sequences sort lower.</summary>
    private static string ListKey(TicketNumber number) =>
        (9999 - number.Year).ToString("D4", CultureInfo.InvariantCulture) + "-" + (int.MaxValue - number.Sequence).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Addresses hold characters Table Storage forbids in keys ('/', '#', '?'): hex keeps any address safe.</summary>
    private static string ContactPartition(string address) =>
        "contact-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant()));
}
