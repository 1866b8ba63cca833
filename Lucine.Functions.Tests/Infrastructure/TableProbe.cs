using Azure.Data.Tables;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>Reads a host's tables directly, to check what was (not) stored.</summary>
public sealed class TableProbe(LucineHost host)
{
    private readonly LucineTables tables = host.Services.GetRequiredService<LucineTables>();

    public Task<List<TableEntity>> SessionRowsAsync(string? partition = null) => RowsAsync(tables.Sessions, partition);

    public Task<List<TableEntity>> AnalyticsRowsAsync() => RowsAsync(tables.Analytics, null);

    public Task<List<TableEntity>> ConversationIndexRowsAsync(string? partition = null) => RowsAsync(tables.ConversationIndex, partition);

    /// <summary>Every row of every table of the host, to look for what must never be stored.</summary>
    public async Task<List<TableEntity>> AllRowsAsync()
    {
        var rows = new List<TableEntity>();
        foreach (var table in tables.All)
        {
            rows.AddRange(await RowsAsync(table, null));
        }

        return rows;
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string? partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(partition is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
