using System.Net.Http.Headers;
using System.Text;
using Azure.Storage.Blobs;
using Lucine.Functions.Attachments;
using Lucine.Functions.Chat;
using Lucine.Functions.Privacy;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Tests.Privacy;
using Lucine.Functions.Tickets;

namespace Lucine.Functions.Tests.Attachments;

/// <summary>
/// Files in chats and tickets over HTTP, stored in a real Azurite blob service: who may send and read
/// them (the conversation's and the ticket's own rules), what is refused (type by the bytes, size,
/// budget, rate) and that a refusal stores nothing, and that retention takes the files with the conversation.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class AttachmentApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
    private static readonly byte[] Html = Encoding.ASCII.GetBytes("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>");
    private static readonly byte[] Heic = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0, 1, 2, 3];

    private readonly ManualClock clock = new(Start);
    private LucineHost host = null!;
    private StaffDesk admin = null!;

    public async Task InitializeAsync()
    {
        host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock, settings =>
        {
            settings["Attachments:PerMinute"] = "3";
            settings["Attachments:MaxCount"] = "5";
        });
        admin = await StaffDesk.LoginAsync(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private BlobContainerClient Container(string name) => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(name);

    private async Task<List<string>> BlobsAsync(string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Container(container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Fact]
    public async Task The_visitors_image_is_a_message_the_operator_in_charge_reads_and_a_pdf_is_a_download()
    {
        var (visitor, giulia) = await WithOperatorAsync();

        var sent = await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/attachments?name=..%2Fbiglietto%20QR.png&caption=Il%20mio%20biglietto&clientMessageId=f-1", visitor.Token, Png);

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var message = (await sent.Content.ReadAsync<AttachmentMessageResponse>())!.Message;
        Assert.Equal((MessageSender.Visitor, "Il mio biglietto", "biglietto QR.png", "image/png", (long)Png.Length),
            (message.Sender, message.Text, message.Attachment!.Name, message.Attachment.Type, message.Attachment.Size));
        Assert.True(Attachment.IsId(message.Attachment.Id));
        Assert.Equal([$"{visitor.SessionId}/{message.Attachment.Id}"], await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!));
        Assert.Equal(message.Attachment, (await visitor.MessagesAsync()).Messages.Single(m => m.Attachment is not null).Attachment);

        foreach (var (path, token) in new[] { ($"/api/chat/{visitor.SessionId}/attachments/{message.Attachment.Id}", visitor.Token), ($"/api/operator/chats/{visitor.SessionId}/attachments/{message.Attachment.Id}", giulia.Token) })
        {
            var read = await SendAsync(HttpMethod.Get, path, token);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(Png, await read.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", read.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("inline", read.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("biglietto QR.png", read.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("default-src 'none'; sandbox", read.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal((true, true), (read.Headers.CacheControl!.Private, read.Headers.CacheControl.NoStore));
        }

        var pdf = await SendAsync(HttpMethod.Post, $"/api/operator/chats/{visitor.SessionId}/attachments?name=ricevuta.pdf", giulia.Token, Pdf);
        Assert.Equal(HttpStatusCode.Created, pdf.StatusCode);
        var receipt = (await pdf.Content.ReadAsync<AttachmentMessageResponse>())!.Message;
        Assert.Equal((MessageSender.Operator, "application/pdf"), (receipt.Sender, receipt.Attachment!.Type));
        var download = await SendAsync(HttpMethod.Get, $"/api/chat/{visitor.SessionId}/attachments/{receipt.Attachment.Id}", visitor.Token);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        // The same upload again (a retry) is the message already stored, and leaves no second file.
        var again = await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/attachments?name=biglietto.png&clientMessageId=f-1", visitor.Token, Png);
        Assert.Equal(message.Attachment.Id, (await again.Content.ReadAsync<AttachmentMessageResponse>())!.Message.Attachment!.Id);
        Assert.Equal(2, (await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!)).Count);
    }

    [Fact]
    public async Task Another_sessions_token_no_token_and_an_operator_not_in_charge_are_refused_and_store_nothing()
    {
        var (visitor, _) = await WithOperatorAsync();
        var sent = await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/attachments?name=a.png", visitor.Token, Png);
        var id = (await sent.Content.ReadAsync<AttachmentMessageResponse>())!.Message.Attachment!.Id;
        var stranger = new Visitor(host.Http);
        await stranger.SayAsync("Quanto costa il biglietto?");
        var bruno = await admin.HireAsync("bruno");

        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/chat/{visitor.SessionId}/attachments/{id}", stranger.Token), HttpStatusCode.Unauthorized, "invalid-session-token");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/chat/{visitor.SessionId}/attachments/{id}", null), HttpStatusCode.Unauthorized, "session-token-required");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/attachments?name=b.png", stranger.Token, Png), HttpStatusCode.Unauthorized, "invalid-session-token");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/attachments?name=b.png", null, Png), HttpStatusCode.Unauthorized, "session-token-required");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/chat/{stranger.SessionId}/attachments/{id}", stranger.Token), HttpStatusCode.NotFound, "attachment-not-found");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/operator/chats/{visitor.SessionId}/attachments?name=b.png", bruno.Token, Png), HttpStatusCode.Forbidden, "not-your-chat");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/operator/chats/{visitor.SessionId}/attachments/{id}", bruno.Token), HttpStatusCode.Forbidden, "not-your-chat");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/operator/chats/{visitor.SessionId}/attachments/{id}", null), HttpStatusCode.Unauthorized, "operator-token-required");

        // A supervisor reads any transcript, and so its files.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/operator/chats/{visitor.SessionId}/attachments/{id}", admin.Token)).StatusCode);
        Assert.Single(await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!));
        Assert.Single((await visitor.MessagesAsync()).Messages, m => m.Attachment is not null);
    }

    [Fact]
    public async Task A_file_is_judged_by_its_bytes_and_size_and_a_refused_one_leaves_no_file_and_no_message()
    {
        var (visitor, _) = await WithOperatorAsync();
        var before = (await visitor.MessagesAsync()).Messages.Count;
        var path = $"/api/chat/{visitor.SessionId}/attachments?name=foto.png";

        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, path, visitor.Token, Html), HttpStatusCode.UnsupportedMediaType, "attachment-type-unsupported");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, path, visitor.Token, Heic), HttpStatusCode.UnsupportedMediaType, "attachment-heic");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, path, visitor.Token, []), HttpStatusCode.BadRequest, "invalid-attachment");
        var tooLarge = new byte[(5 * 1024 * 1024) + 1];
        Png.CopyTo(tooLarge, 0);
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, path, visitor.Token, tooLarge), HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");

        // Without a Content-Length (chunked), the limit holds while reading.
        var chunked = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new MemoryStream(tooLarge)) };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.Add("X-Session-Token", visitor.Token);
        await ProblemAssert.IsProblemAsync(await host.Http.SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");

        Assert.Empty(await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!));
        Assert.Equal(before, (await visitor.MessagesAsync()).Messages.Count);
    }

    [Fact]
    public async Task The_rate_and_the_budget_refuse_more_files_and_delete_the_refused_ones()
    {
        var (visitor, _) = await WithOperatorAsync();
        var path = $"/api/chat/{visitor.SessionId}/attachments?name=foto.png";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, path, visitor.Token, Png)).StatusCode);
        }

        var limited = await SendAsync(HttpMethod.Post, path, visitor.Token, Png);
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "too-many-attachments");
        Assert.NotNull(limited.Headers.RetryAfter);

        clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, path, visitor.Token, Png)).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, path, visitor.Token, Png), HttpStatusCode.Conflict, "attachment-budget-exceeded");
        Assert.Equal(5, (await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!)).Count);
    }

    [Fact]
    public async Task The_export_lists_the_files_metadata_and_retention_takes_the_files_with_the_conversation()
    {
        var (visitor, giulia) = await WithOperatorAsync();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/attachments?name=a.png", visitor.Token, Png)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await giulia.ActAsync(visitor.SessionId!, "close", new { outcome = "resolved" })).StatusCode);
        Assert.Single(await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!));
        var exported = Assert.Single((await admin.ExportedAsync(new { session = visitor.SessionId })).Items("attachments"));
        Assert.Equal(($"session:{visitor.SessionId}", "a.png", "image/png", "visitor"), (exported.Text("of"), exported.Text("name"), exported.Text("type"), exported.Text("from")));

        clock.Set(Start.AddDays(366));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync("/ApplyRetention", null)).StatusCode);

        Assert.Empty(await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!));
    }

    [Fact]
    public async Task An_erasure_takes_the_files_and_their_names_and_keeps_their_type_and_size()
    {
        var (visitor, _) = await WithOperatorAsync();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"/api/chat/{visitor.SessionId}/attachments?name=passaporto_maria_rossi.png", visitor.Token, Png)).StatusCode);

        await admin.ErasedAsync(new { session = visitor.SessionId });

        Assert.Empty(await BlobsAsync(AttachmentBlobs.ChatContainer, visitor.SessionId!));
        var erased = Assert.Single((await admin.ExportedAsync(new { session = visitor.SessionId })).Items("attachments"));
        Assert.Equal((PersonalData.Marker, "image/png", (long)Png.Length), (erased.Text("name"), erased.Text("type"), erased.GetProperty("size").GetInt64()));
    }

    [Fact]
    public async Task A_customer_and_the_staff_send_files_on_a_ticket_with_its_access_code()
    {
        var number = await OpenTicketAsync("maria@example.com");
        var other = await OpenTicketAsync("luca@example.com");
        var access = Credentials.AccessCode(TicketNumber.Parse(number));

        var sent = await SendAsync(HttpMethod.Post, $"/api/tickets/{number}/attachments?name=ricevuta.pdf&caption=Ricevuta&access={access}", null, Pdf);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var entry = (await sent.Content.ReadAsync<CustomerAttachmentResponse>())!.Entry;
        Assert.Equal((TicketEntryKind.CustomerMessage, "Ricevuta", "application/pdf"), (entry.Kind, entry.Text, entry.Attachment!.Type));

        var reply = await SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/attachments?name=mappa.png", admin.Token, Png);
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var staffEntry = (await reply.Content.ReadAsync<StaffAttachmentResponse>())!.Entry;
        Assert.Equal(TicketEntryKind.Reply, staffEntry.Kind);

        var read = await SendAsync(HttpMethod.Get, $"/api/tickets/{number}/attachments/{staffEntry.Attachment!.Id}?access={access}", null);
        Assert.Equal(Png, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", read.Content.Headers.ContentDisposition?.DispositionType);
        var staffRead = await SendAsync(HttpMethod.Get, $"/api/operator/tickets/{number}/attachments/{entry.Attachment.Id}", admin.Token);
        Assert.Equal(Pdf, await staffRead.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", staffRead.Content.Headers.ContentDisposition?.DispositionType);
        var ticket = (await (await host.Http.GetAsync($"/api/tickets/{number}?access={access}")).Content.ReadAsync<CustomerTicketDto>())!;
        Assert.Equal([entry.Attachment.Id, staffEntry.Attachment.Id], ticket.Replies.Where(r => r.Attachment is not null).Select(r => r.Attachment!.Id));
        Assert.Equal(2, (await BlobsAsync(AttachmentBlobs.TicketContainer, number)).Count);

        var otherAccess = Credentials.AccessCode(TicketNumber.Parse(other));
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/tickets/{number}/attachments/{entry.Attachment.Id}?access={otherAccess}", null), HttpStatusCode.Unauthorized, "invalid-ticket-access");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/tickets/{number}/attachments/{entry.Attachment.Id}", null), HttpStatusCode.Unauthorized, "ticket-access-required");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/tickets/{number}/attachments?name=x.png&access={otherAccess}", null, Png), HttpStatusCode.Unauthorized, "invalid-ticket-access");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Get, $"/api/tickets/{other}/attachments/{entry.Attachment.Id}?access={otherAccess}", null), HttpStatusCode.NotFound, "attachment-not-found");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/tickets/{number}/attachments?name=x.png&access={access}", null, Html), HttpStatusCode.UnsupportedMediaType, "attachment-type-unsupported");
        await ProblemAssert.IsProblemAsync(await SendAsync(HttpMethod.Post, $"/api/operator/tickets/{number}/attachments?name=x.png", null, Png), HttpStatusCode.Unauthorized, "operator-token-required");
        Assert.Equal(2, (await BlobsAsync(AttachmentBlobs.TicketContainer, number)).Count);
        Assert.Empty(await BlobsAsync(AttachmentBlobs.TicketContainer, other));
    }

    private TicketCredentials Credentials => host.Services.GetRequiredService<TicketCredentials>();

    private async Task<string> OpenTicketAsync(string contact)
    {
        var created = await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact, message = "Ho perso i biglietti" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadAsync<TicketCreatedResponse>())!.Number;
    }

    /// <summary>A visitor whose chat Giulia has taken.</summary>
    private async Task<(Visitor Visitor, StaffDesk Giulia)> WithOperatorAsync()
    {
        var giulia = await admin.HireAsync("giulia" + Guid.NewGuid().ToString("N")[..6]);
        var visitor = new Visitor(host.Http);
        await visitor.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.WithOperator, (await visitor.PressAsync("request_operator")).Status);
        return (visitor, giulia);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new ByteArrayContent(body) };
        if (body is not null)
        {
            request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return host.Http.SendAsync(request);
    }
}
