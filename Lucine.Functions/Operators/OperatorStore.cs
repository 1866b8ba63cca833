using Lucine.Domain.Queue;
using Lucine.Domain.Sessions;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;
using Microsoft.Azure.Cosmos.Table;

namespace Lucine.Functions.Operators;

/// <summary>What became of a request to reserve an operator's capacity for a chat.</summary>
public enum Reservation
{
    Reserved,

    /// <summary>Already holding this chat: nothing to reserve again.</summary>
    AlreadyHeld,
    AtCapacity,
    NotTakingChats,
    Unknown,
}

/// <summary>
/// Operator accounts in one partition of the Operators table (a handful of rows: listing them all is
/// one read). Every change is a read-modify-write guarded by the row's ETag, so two instances
/// reserving the same operator's last free slot cannot both succeed.
/// </summary>
public sealed class OperatorStore(LucineTables tables)
{
    private const string Partition = "operator";
    private const int MaxAttempts = 10;

    public async Task<OperatorAccount?> FindAsync(string username, CancellationToken cancellationToken) =>
        (await ReadAsync(username, cancellationToken))?.Account;

    public async Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Partition));
        var accounts = new List<OperatorAccount>();
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await tables.Operators.ExecuteQuerySegmentedAsync(query, continuation, cancellationToken);
            accounts.AddRange(segment.Results.Select(ToAccount));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return accounts;
    }

    /// <summary>False when the username is taken.</summary>
    public async Task<bool> CreateAsync(OperatorAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Operators.ExecuteAsync(TableOperation.Insert(ToEntity(account)), cancellationToken);
            return true;
        }
        catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current account until it is written without a
    /// concurrent change in between. A null change means "leave it as it is". Null: no such operator.
    /// </summary>
    public async Task<OperatorAccount?> UpdateAsync(string username, Func<OperatorAccount, OperatorAccount?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadAsync(username, cancellationToken) is not var (account, etag))
            {
                return null;
            }

            if (change(account) is not { } changed || changed == account)
            {
                return account;
            }

            var row = ToEntity(changed);
            row.ETag = etag;
            try
            {
                await tables.Operators.ExecuteAsync(TableOperation.Replace(row), cancellationToken);
                return changed;
            }
            catch (StorageException e) when (e.RequestInformation.HttpStatusCode == 412 && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Takes one of the operator's free chat slots for <paramref name="session"/>, if they are online and have one.</summary>
    public async Task<(Reservation Result, OperatorAccount? Account)> ReserveAsync(
        string username, SessionId session, DateTimeOffset now, bool requireOnline, CancellationToken cancellationToken)
    {
        var result = Reservation.Unknown;
        var account = await UpdateAsync(username, current =>
        {
            if (current.Chats.Contains(session.Value))
            {
                result = Reservation.AlreadyHeld;
                return null;
            }

            if (!current.Active || (requireOnline && current.Availability != OperatorAvailability.Online))
            {
                result = Reservation.NotTakingChats;
                return null;
            }

            if (current.Chats.Count >= current.Capacity)
            {
                result = Reservation.AtCapacity;
                return null;
            }

            result = Reservation.Reserved;
            return current with { Chats = [.. current.Chats, session.Value], LastAssignedAt = now };
        }, cancellationToken);
        return (account is null ? Reservation.Unknown : result, account);
    }

    /// <summary>Gives back the slot <paramref name="session"/> held. Releasing twice is harmless.</summary>
    public Task ReleaseAsync(string username, SessionId session, CancellationToken cancellationToken) =>
        UpdateAsync(username, current => current.Chats.Contains(session.Value)
            ? current with { Chats = current.Chats.Where(c => c != session.Value).ToList() }
            : null, cancellationToken);

    private async Task<(OperatorAccount Account, string ETag)?> ReadAsync(string username, CancellationToken cancellationToken)
    {
        var result = await tables.Operators.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(Partition, OperatorAccount.Normalize(username)), cancellationToken);
        return result.Result is DynamicTableEntity row ? (ToAccount(row), row.ETag) : null;
    }

    private static DynamicTableEntity ToEntity(OperatorAccount account) => new(Partition, account.Username)
    {
        Properties =
        {
            ["DisplayName"] = new EntityProperty(account.DisplayName),
            ["Avatar"] = new EntityProperty(account.Avatar),
            ["Role"] = new EntityProperty(Wire.Name(account.Role)),
            ["PasswordHash"] = new EntityProperty(account.PasswordHash),
            ["Active"] = new EntityProperty(account.Active),
            ["Availability"] = new EntityProperty(Wire.Name(account.Availability)),
            ["Capacity"] = new EntityProperty(account.Capacity),
            ["Chats"] = new EntityProperty(string.Join(',', account.Chats)),
            ["LastAssignedAt"] = new EntityProperty(account.LastAssignedAt),
            ["TokenStamp"] = new EntityProperty(account.TokenStamp),
        },
    };

    private static OperatorAccount ToAccount(DynamicTableEntity row)
    {
        string? Text(string name) => row.Properties.TryGetValue(name, out var value) ? value.StringValue : null;
        return new OperatorAccount(
            row.RowKey,
            Text("DisplayName") ?? row.RowKey,
            Text("Avatar"),
            Wire.Parse<OperatorRole>(Text("Role") ?? "operator"),
            Text("PasswordHash") ?? string.Empty,
            row.Properties.TryGetValue("Active", out var active) && active.BooleanValue == true,
            Wire.Parse<OperatorAvailability>(Text("Availability") ?? "offline"),
            row.Properties.TryGetValue("Capacity", out var capacity) ? capacity.Int32Value ?? 0 : 0,
            (Text("Chats") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            row.Properties.TryGetValue("LastAssignedAt", out var assigned) ? assigned.DateTimeOffsetValue ?? default : default,
            Text("TokenStamp") ?? string.Empty);
    }
}
