namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>One Azurite for the integration tests of a collection; each host uses its own tables.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteServer Server { get; private set; } = null!;

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => Server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "storage";
}
