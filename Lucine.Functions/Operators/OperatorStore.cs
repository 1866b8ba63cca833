using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lucine.Functions.Hosting;
using Lucine.Functions.Storage;

namespace Lucine.Functions.Operators;

/// <summary>
/// Operator accounts in one partition of the Operators table (a handful of rows: listing them all is
/// one read). Every change is a read-modify-write guarded by the row's ETag, so two instances
/// reserving the same operator's last free slot cannot both succeed.
/// </summary>
public sealed class OperatorStore(LucineTables tables)
{
    private const string Partition = "operator";
    private const int MaxAttempts = 10;

    /// <summary>A name that cannot be a username is nobody's, and is never sent to storage as a key.</summary>
    public async Task<OperatorAccount?> FindAsync(string username, CancellationToken cancellationToken) =>
        OperatorAccount.IsValidUsername(OperatorAccount.Normalize(username)) && await tables.Operators.FindAsync(Partition, OperatorAccount.Normalize(username), cancellationToken) is { } row ? ToAccount(row) : null;

    public async Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken) =>
        (await tables.Operators.QueryAsync(TableRows.Partition(Partition), null, cancellationToken)).Select(ToAccount).ToList();

    /// <summary>False when the username is taken.</summary>
    public async Task<bool> CreateAsync(OperatorAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Operators.AddEntityAsync(ToEntity(account), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current account until it is written without a
    /// concurrent change in between. A null change means "leave it as it is". Null: no such operator.
    /// </summary>
    public async Task<OperatorAccount?> UpdateAsync(string username, Func<OperatorAccount, OperatorAccount?> change, CancellationToken cancellationToken) =>
        (await ChangeAsync(username, change, cancellationToken)).After;

    /// <summary>As <see cref="UpdateAsync"/>, saying whether this call wrote: <c>Before</c> and <c>After</c> are the same object when it did not.</summary>
    public Task<Updated<OperatorAccount>> ChangeAsync(string username, Func<OperatorAccount, OperatorAccount?> change, CancellationToken cancellationToken) =>
        tables.Operators.UpdateAsync(
            Partition, OperatorAccount.Normalize(username), ToAccount, ToEntity, current => current is null ? null : change(current), MaxAttempts, cancellationToken);

    /// <summary>Takes one of the operator's free chat slots for <paramref name="session"/>, if they are online and have one.</summary>
    public async Task<(Reservation Result, OperatorAccount? Account)> ReserveAsync(
        string username, SessionId session, DateTimeOffset now, bool requireOnline, CancellationToken cancellationToken)
    {
        bool TakesChats(OperatorAccount account) => account.Active && (!requireOnline || account.Availability == OperatorAvailability.Online);
        var (before, after) = await tables.Operators.UpdateAsync(
            Partition,
            OperatorAccount.Normalize(username),
            ToAccount,
            ToEntity,
            current => current is not null && !current.Chats.Contains(session.Value) && TakesChats(current) && current.Chats.Count < current.Capacity
                ? current with { Chats = [.. current.Chats, session.Value], LastAssignedAt = now }
                : null,
            MaxAttempts,
            cancellationToken);
        var result = before switch
        {
            null => Reservation.Unknown,
            _ when before.Chats.Contains(session.Value) => Reservation.AlreadyHeld,
            _ when !ReferenceEquals(before, after) => Reservation.Reserved,
            _ when !TakesChats(before) => Reservation.NotTakingChats,
            _ => Reservation.AtCapacity,
        };
        return (result, after);
    }

    /// <summary>Gives back the slot <paramref name="session"/> held. Releasing twice is harmless.</summary>
    public Task ReleaseAsync(string username, SessionId session, CancellationToken cancellationToken) =>
        UpdateAsync(username, current => current.Chats.Contains(session.Value)
            ? current with { Chats = current.Chats.Where(c => c != session.Value).ToList() }
            : null, cancellationToken);

    private static TableEntity ToEntity(OperatorAccount account) => new TableEntity(Partition, account.Username)
        {
            ["DisplayName"] = account.DisplayName,
            ["Role"] = Wire.Name(account.Role),
            ["PasswordHash"] = account.PasswordHash,
            ["Active"] = account.Active,
            ["Availability"] = Wire.Name(account.Availability),
            ["Capacity"] = account.Capacity,
            ["Chats"] = string.Join(',', account.Chats),
            ["LastAssignedAt"] = account.LastAssignedAt,
            ["TokenStamp"] = account.TokenStamp,
            ["Connections"] = string.Join(',', account.Connections),
        }
        .With("Avatar", account.Avatar)
        .With("DisconnectedAt", account.DisconnectedAt)
        .With("PresenceLapsed", account.PresenceLapsed ? true : null)
        .With("MustChangePassword", account.MustChangePassword ? true : null)
        .With("Preferences", account.Preferences == OperatorPreferences.Default ? null : JsonSerializer.Serialize(account.Preferences, Wire.Json));

    private static OperatorAccount ToAccount(TableEntity row) => new(
        row.RowKey,
        row.GetString("DisplayName") ?? row.RowKey,
        row.GetString("Avatar"),
        Wire.Parse<OperatorRole>(row.GetString("Role") ?? "operator"),
        row.GetString("PasswordHash") ?? string.Empty,
        row.Flag("Active"),
        Wire.Parse<OperatorAvailability>(row.GetString("Availability") ?? "offline"),
        row.Int("Capacity"),
        (row.GetString("Chats") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.GetDateTimeOffset("LastAssignedAt") ?? default,
        row.GetString("TokenStamp") ?? string.Empty)
    {
        Connections = (row.GetString("Connections") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        DisconnectedAt = row.GetDateTimeOffset("DisconnectedAt"),
        PresenceLapsed = row.Flag("PresenceLapsed"),
        MustChangePassword = row.Flag("MustChangePassword"),
        Preferences = row.GetString("Preferences") is { } preferences
            ? JsonSerializer.Deserialize<OperatorPreferences>(preferences, Wire.Json) ?? OperatorPreferences.Default
            : OperatorPreferences.Default,
    };
}
