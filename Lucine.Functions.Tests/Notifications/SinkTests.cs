using Lucine.Functions.Hosting;
using Lucine.Functions.Notifications;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Notifications;

/// <summary>Without provider credentials every channel goes to the local sink, which operators can read.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class SinkTests(AzuriteFixture azurite)
{
    private readonly ManualClock clock = new(MessagingHost.Start);
    private readonly RecordingInbox inbox = new();

    [Fact]
    public async Task Every_channel_goes_to_the_sink_and_operators_see_it_newest_first()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider: null, inbox, clock);
        var desk = await StaffDesk.LoginAsync(host.Http);
        var sms = MessagingHost.Sms();
        var whatsApp = MessagingHost.WhatsApp(outsideWindow: true);
        var email = MessagingHost.Email(text: "Ciao <b>Anna</b>");
        var staff = new Notification("staff-alert-1", ContactChannel.Email, "giulia@lucinedinatale.it", "Nuovo ticket", "Ticket T1001 aperto.", Language.Italian);

        foreach (var notification in new[] { sms, whatsApp, email, staff })
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await host.QueueAsync(notification);
        }

        var all = (await StaffDesk.ReadAsync<ItemsResponse<SinkItem>>(await desk.SendAsync(HttpMethod.Get, "/api/operator/sink"))).Items;
        Assert.Equal([staff.Key, email.Key, whatsApp.Key, sms.Key], all.Select(i => i.Notification));
        var mail = all.Single(i => i.Notification == email.Key);
        Assert.Equal(new SinkItem(mail.Id, ContactChannel.Email, "anna@example.com", "Ticket T1001", "Ciao <b>Anna</b>", email.Key, "T1001", MessagingHost.Start + TimeSpan.FromSeconds(3)), mail);
        Assert.Null(all.Single(i => i.Notification == staff.Key).Ticket);

        var stored = await host.StoredAsync(whatsApp);
        Assert.Equal((NotificationStatus.Sent, "sink"), (stored.Status, stored.Provider));
        Assert.Equal(all.Single(i => i.Notification == whatsApp.Key).Id, stored.ProviderMessageId);
    }

    [Fact]
    public async Task The_sink_list_can_be_narrowed_to_one_recipient_and_limited()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider: null, inbox, clock);
        var desk = await StaffDesk.LoginAsync(host.Http);
        await host.QueueAsync(MessagingHost.Sms("first"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.QueueAsync(MessagingHost.Sms("second"), MessagingHost.Email());

        var toPhone = (await StaffDesk.ReadAsync<ItemsResponse<SinkItem>>(await desk.SendAsync(HttpMethod.Get, "/api/operator/sink?to=%2B393331234567"))).Items;
        var toMail = (await StaffDesk.ReadAsync<ItemsResponse<SinkItem>>(await desk.SendAsync(HttpMethod.Get, "/api/operator/sink?to=ANNA@example.com"))).Items;
        var newest = (await StaffDesk.ReadAsync<ItemsResponse<SinkItem>>(await desk.SendAsync(HttpMethod.Get, "/api/operator/sink?to=%2B393331234567&limit=1"))).Items;

        Assert.Equal(["second", "first"], toPhone.Select(i => i.Notification));
        Assert.Equal(MessagingHost.Email().Key, Assert.Single(toMail).Notification);
        Assert.Equal("second", Assert.Single(newest).Notification);
    }

    [Fact]
    public async Task The_sink_is_for_operators_only_and_refuses_a_bad_limit()
    {
        await using var host = await MessagingHost.StartAsync(azurite, provider: null, inbox, clock);
        var desk = await StaffDesk.LoginAsync(host.Http);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/api/operator/sink")).StatusCode);
        foreach (var limit in new[] { "0", "201", "many" })
        {
            var response = await desk.SendAsync(HttpMethod.Get, $"/api/operator/sink?limit={limit}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("urn:lucine:problem:invalid-limit", problem.RootElement.GetProperty("type").GetString());
        }
    }
}
