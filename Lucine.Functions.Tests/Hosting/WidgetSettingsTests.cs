using Lucine.Functions.Chat;
using Lucine.Functions.Privacy;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Operators;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>What the widget learns from the server: its theme (checked at start), and what the assistant is asking for.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class WidgetSettingsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_theme_that_fails_contrast_stops_the_start_and_a_good_one_reaches_the_widget()
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var refused = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Widget:Theme:Accent"] = "#b8860b");
        });
        Assert.Contains("Widget:Theme:AccentText #ffffff on Widget:Theme:Accent #b8860b has a contrast of 3.25:1", Assert.IsAssignableFrom<Exception>(failure).Message, StringComparison.Ordinal);

        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s =>
        {
            s["Widget:Theme:Accent"] = "#14213d";
            s["Widget:Theme:AccentText"] = "#fbe9b7";
        });
        var settings = await (await host.Http.GetAsync("/api/widget/settings")).Content.ReadAsync<WidgetSettings>();
        Assert.Equal(new WidgetThemeSettings("#14213d", "#fbe9b7"), settings!.Theme);
    }

    [Fact]
    public async Task While_it_collects_a_contact_the_chat_says_which_question_waits_and_marks_the_ticket_confirmation()
    {
        await using var host = await StaffDesk.StartHostAsync(azurite.ConnectionString);
        var visitor = new Visitor(host.Http);
        Assert.Null((await visitor.SayAsync("Ho perso i biglietti che ho comprato online")).Expecting);
        await visitor.SayAsync("voglio parlare con un operatore");

        Assert.Equal(ContactQuestion.Name, (await visitor.PressAsync("request_operator")).Expecting);
        Assert.Equal(ContactQuestion.Name, (await visitor.SayAsync("12345")).Expecting);
        Assert.Equal(ContactQuestion.Contact, (await visitor.SayAsync("Maria Rossi")).Expecting);
        Assert.Equal(ContactQuestion.Contact, (await visitor.MessagesAsync()).Expecting);
        Assert.Equal(ContactQuestion.Channel, (await visitor.SayAsync("333 123 4567")).Expecting);
        Assert.Equal(ContactQuestion.Request, (await visitor.PressAsync("contact_sms")).Expecting);
        var done = await visitor.SayAsync("Vorrei sapere come recuperare i biglietti persi");

        Assert.Null(done.Expecting);
        var confirmation = Assert.Single(done.Messages, m => m.Ticket is not null);
        Assert.Equal(MessageSender.System, confirmation.Sender);
        Assert.Contains(confirmation.Ticket!, confirmation.Text, StringComparison.Ordinal);
        var history = await visitor.MessagesAsync();
        Assert.Null(history.Expecting);
        Assert.Equal(confirmation.Sequence, Assert.Single(history.Messages, m => m.Ticket is not null).Sequence);
    }
}
