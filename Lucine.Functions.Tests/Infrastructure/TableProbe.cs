using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;
using Microsoft.Extensions.DependencyInjection;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>Reads a host's tables directly, to check what was (not) stored.</summary>
public sealed class TableProbe(LucineHost host)
{
    private readonly LucineTables tables = host.Services.GetRequiredService<LucineTables>();

    public Task<List<DynamicTableEntity>> SessionRowsAsync(string? partition = null) => RowsAsync(tables.Sessions, partition);

    public Task<List<DynamicTableEntity>> AnalyticsRowsAsync() => RowsAsync(tables.Analytics, null);

    private static async Task<List<DynamicTableEntity>> RowsAsync(CloudTable table, string? partition)
    {
        var query = new TableQuery<DynamicTableEntity>();
        if (partition is not null)
        {
            query = query.Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, partition));
        }

        var rows = new List<DynamicTableEntity>();
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await table.ExecuteQuerySegmentedAsync(query, continuation);
            rows.AddRange(segment.Results);
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return rows;
    }
}
