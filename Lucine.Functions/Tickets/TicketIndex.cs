using System.Globalization;
using Lucine.Domain.Tickets;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

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
public sealed class TicketIndex(LucineTables tables)
{
    private const string ListPartition = "list";

    public async Task ApplyAsync(TicketState state, CancellationToken cancellationToken)
    {
        var key = ListKey(state.Number);
        var current = await tables.TicketIndex.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(ListPartition, key), cancellationToken);
        if (current.Result is DynamicTableEntity row && (row.Properties["LastSequence"].Int64Value ?? 0) > state.LastSequence)
        {
            // A later change of this ticket was indexed already: an older one delivered late must not undo it.
            return;
        }

        var running = new[] { state.FirstResponse, state.Resolution }.Where(c => c.IsRunning).Select(c => (DateTimeOffset?)c.DueAt).Min();
        await tables.TicketIndex.ExecuteAsync(TableOperation.InsertOrReplace(new DynamicTableEntity(ListPartition, key)
        {
            Properties =
            {
                ["Number"] = new EntityProperty(state.Number.ToString()),
                ["Status"] = new EntityProperty(Wire.Name(state.Status)),
                ["Priority"] = new EntityProperty(Wire.Name(state.Priority)),
                ["Sla"] = new EntityProperty(Wire.Name(state.Sla)),
                ["Assignee"] = new EntityProperty(state.Assignee ?? string.Empty),
                ["Subject"] = new EntityProperty(state.Subject),
                ["CustomerName"] = new EntityProperty(state.Contact.Name),
                ["Channel"] = new EntityProperty(Wire.Name(state.Contact.Channel)),
                ["Address"] = new EntityProperty(state.Contact.Address),
                ["CreatedAt"] = new EntityProperty(state.CreatedAt),
                ["UpdatedAt"] = new EntityProperty(state.UpdatedAt),
                ["NextDueAt"] = new EntityProperty(running),
                ["Undeliverable"] = new EntityProperty(state.Undeliverable is not null),
                ["LastSequence"] = new EntityProperty(state.LastSequence),
            },
        }), cancellationToken);

        // The contact's row changes only when the ticket opens or closes (a ticket's contact is fixed).
        var wasOpen = current.Result is DynamicTableEntity before ? Wire.Parse<TicketStatus>(before.Properties["Status"].StringValue) != TicketStatus.Closed : (bool?)null;
        if (wasOpen != state.IsOpen)
        {
            await tables.TicketIndex.ExecuteAsync(TableOperation.InsertOrReplace(new DynamicTableEntity(ContactPartition(state.Contact.Address), state.Number.ToString())
            {
                Properties = { ["Open"] = new EntityProperty(state.IsOpen) },
            }), cancellationToken);
        }
    }

    /// <summary>The newest open ticket of a contact (a phone number or an email address), if any.</summary>
    public async Task<TicketNumber?> OpenTicketOfAsync(string address, CancellationToken cancellationToken)
    {
        var rows = await Partitions.QueryAsync(tables.TicketIndex, ContactPartition(address),
            TableQuery.GenerateFilterConditionForBool("Open", QueryComparisons.Equal, true), null, cancellationToken);
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
        var condition = TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, ListPartition);
        void And(string clause) => condition = TableQuery.CombineFilters(condition, TableOperators.And, clause);
        if (after is not null)
        {
            And(TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.GreaterThan, after));
        }

        if (filter.Status is { } status)
        {
            And(TableQuery.GenerateFilterCondition("Status", QueryComparisons.Equal, Wire.Name(status)));
        }

        if (filter.Priority is { } priority)
        {
            And(TableQuery.GenerateFilterCondition("Priority", QueryComparisons.Equal, Wire.Name(priority)));
        }

        if (filter.Assignee is { } assignee)
        {
            And(TableQuery.GenerateFilterCondition("Assignee", QueryComparisons.Equal, assignee));
        }

        if (filter.Sla is { } sla)
        {
            And(TableQuery.GenerateFilterCondition("Sla", QueryComparisons.Equal, Wire.Name(sla)));
        }

        var query = new TableQuery<DynamicTableEntity>().Where(condition);
        var items = new List<TicketSummary>();
        string? last = null;
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await tables.TicketIndex.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            foreach (var row in segment.Results)
            {
                last = row.RowKey;
                if (filter.Text is not { } text || Matches(row, text))
                {
                    items.Add(ToSummary(row));
                    if (items.Count == limit)
                    {
                        return (items, last);
                    }
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return (items, null);
    }

    private static bool Matches(DynamicTableEntity row, string text) =>
        new[] { "Number", "Subject", "CustomerName", "Address" }.Any(name =>
            row.Properties.TryGetValue(name, out var value) && value.StringValue?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    private static TicketSummary ToSummary(DynamicTableEntity row) => new(
        row.Properties["Number"].StringValue,
        Wire.Parse<TicketStatus>(row.Properties["Status"].StringValue),
        Wire.Parse<TicketPriority>(row.Properties["Priority"].StringValue),
        Wire.Parse<SlaState>(row.Properties["Sla"].StringValue),
        row.Properties["Assignee"].StringValue is { Length: > 0 } assignee ? assignee : null,
        row.Properties["Subject"].StringValue,
        row.Properties["CustomerName"].StringValue,
        Wire.Parse<ContactChannel>(row.Properties["Channel"].StringValue),
        row.Properties["CreatedAt"].DateTimeOffsetValue ?? default,
        row.Properties["UpdatedAt"].DateTimeOffsetValue ?? default,
        row.Properties.TryGetValue("NextDueAt", out var due) ? due.DateTimeOffsetValue : null,
        row.Properties["Undeliverable"].BooleanValue == true);

    /// <summary>Newest first: later years and higher sequences sort lower.</summary>
    private static string ListKey(TicketNumber number) =>
        (9999 - number.Year).ToString("D4", CultureInfo.InvariantCulture) + "-" + (int.MaxValue - number.Sequence).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Addresses hold characters Table Storage forbids in keys ('/', '#', '?'): hex keeps any address safe.</summary>
    private static string ContactPartition(string address) =>
        "contact-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant()));
}
