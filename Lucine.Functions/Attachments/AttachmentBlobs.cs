using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Lucine.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Attachments;

/// <summary>Whose file it is: a chat's or a ticket's (one private container each).</summary>
public enum AttachmentOwner
{
    Chat,
    Ticket,
}

/// <summary>A stored file, opened for reading: its type, its name and its bytes.</summary>
public sealed record StoredFile(string Type, string Name, long Length, Stream Content);

/// <summary>
/// The bytes of attachments, in Blob Storage: containers <c>chat-attachments</c> and <c>ticket-attachments</c>
/// (private), blob <c>&lt;session id or ticket number&gt;/&lt;attachment id&gt;</c>, so that everything of one
/// conversation or ticket is one prefix. The client shares the tables' pipeline (<see cref="LucineTables.Shape"/>):
/// the same circuit, retries and request meter, so an outage answers 503 like the tables.
/// </summary>
public sealed class AttachmentBlobs : IStorageSetup
{
    public const string ChatContainer = "chat-attachments";
    public const string TicketContainer = "ticket-attachments";

    /// <summary>The file's name, in the blob's metadata (escaped: metadata is ASCII).</summary>
    private const string NameKey = "name";

    private readonly BlobContainerClient chats;
    private readonly BlobContainerClient tickets;

    public AttachmentBlobs(IOptions<StorageOptions> options, LucineTables tables, Func<TokenCredential> credential)
    {
        var settings = options.Value;
        var client = tables.Shape(new BlobClientOptions());
        var service = string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? new BlobServiceClient(settings.BlobEndpoint, credential(), client)
            : new BlobServiceClient(settings.ConnectionString, client);
        chats = service.GetBlobContainerClient(ChatContainer);
        tickets = service.GetBlobContainerClient(TicketContainer);
    }

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await chats.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await tickets.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
    }

    public Task UploadAsync(AttachmentOwner owner, string key, Attachment attachment, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        Blob(owner, key, attachment.Id).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = attachment.Type },
            Metadata = new Dictionary<string, string> { [NameKey] = Uri.EscapeDataString(attachment.Name) },
        }, cancellationToken);

    /// <summary>The file, or null when this conversation or ticket has none under this id.</summary>
    public async Task<StoredFile?> OpenAsync(AttachmentOwner owner, string key, string id, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await Blob(owner, key, id).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            var details = download.Details;
            var name = details.Metadata.TryGetValue(NameKey, out var escaped) ? Uri.UnescapeDataString(escaped) : id;
            return new StoredFile(details.ContentType, name, details.ContentLength, download.Content);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(AttachmentOwner owner, string key, string id, CancellationToken cancellationToken) =>
        Blob(owner, key, id).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Every file of one conversation or ticket, those no message names included (an upload cut short before its decision).</summary>
    public async Task DeleteAllAsync(AttachmentOwner owner, string key, CancellationToken cancellationToken)
    {
        var container = Container(owner);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, key + "/", cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    private BlobContainerClient Container(AttachmentOwner owner) => owner == AttachmentOwner.Chat ? chats : tickets;

    private BlobClient Blob(AttachmentOwner owner, string key, string id) => Container(owner).GetBlobClient($"{key}/{id}");
}
