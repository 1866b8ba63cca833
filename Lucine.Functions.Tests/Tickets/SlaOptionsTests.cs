using Lucine.Domain.Tests.Tickets;

namespace Lucine.Functions.Tests.Tickets;

/// <summary>The SLA policy comes from configuration; a configuration it cannot honour stops the start and says why.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class SlaOptionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Without_configuration_the_policy_is_the_default_one()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString);
        var policy = host.Services.GetRequiredService<SlaPolicy>();

        Assert.All(Enum.GetValues<TicketPriority>(), priority => Assert.Equal(SlaPolicy.Default.For(priority), policy.For(priority)));
        Assert.Null(policy.Hours);
        Assert.Equal(0.8, policy.WarningFraction);
    }

    [Fact]
    public async Task Targets_warning_and_business_hours_come_from_configuration()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s =>
        {
            s["Sla:Targets:Urgent:FirstResponse"] = "00:10:00";
            s["Sla:Targets:Low:Resolution"] = "5.00:00:00";
            s["Sla:WarningPercent"] = "75";
            s["Sla:BusinessHours:Enabled"] = "true";
            s["Sla:BusinessHours:Opens"] = "08:30";
            s["Sla:BusinessHours:Closes"] = "17:00";
            s["Sla:BusinessHours:ClosedWeekdays:0"] = "Sunday";
            s["Sla:BusinessHours:ClosedDates:0"] = "2026-12-25";
        });
        var policy = host.Services.GetRequiredService<SlaPolicy>();

        Assert.Equal(new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromHours(4)), policy.For(TicketPriority.Urgent));
        Assert.Equal(new SlaTarget(TimeSpan.FromHours(24), TimeSpan.FromDays(5)), policy.For(TicketPriority.Low));
        Assert.Equal(SlaPolicy.Default.For(TicketPriority.High), policy.For(TicketPriority.High));
        Assert.Equal(0.75, policy.WarningFraction);
        Assert.Equal("Europe/Rome", policy.Hours?.Zone.Id);

        // Opened on Christmas Eve at 16:00: an hour that day, then Saturday from 08:30 (Christmas and Sunday are closed).
        var window = policy.Window(Rome.At(2026, 12, 24, 16, 0), TimeSpan.FromHours(2));
        Assert.Equal(Rome.At(2026, 12, 26, 9, 0), window.WarnAt);
        Assert.Equal(Rome.At(2026, 12, 26, 9, 30), window.DueAt);
    }

    [Theory]
    [InlineData("Sla:BusinessHours:TimeZone=Mars/Olympus_Mons", "Sla:BusinessHours:TimeZone \"Mars/Olympus_Mons\" is not a known time zone")]
    [InlineData("Sla:BusinessHours:Opens=18:00;Sla:BusinessHours:Closes=09:00", "Sla:BusinessHours: Business hours must open before they close (opens 18:00, closes 09:00)")]
    [InlineData("Sla:BusinessHours:Closes=09:00", "Sla:BusinessHours: Business hours must open before they close")]
    [InlineData(
        "Sla:BusinessHours:ClosedWeekdays:0=Monday;Sla:BusinessHours:ClosedWeekdays:1=Tuesday;Sla:BusinessHours:ClosedWeekdays:2=Wednesday;Sla:BusinessHours:ClosedWeekdays:3=Thursday;Sla:BusinessHours:ClosedWeekdays:4=Friday;Sla:BusinessHours:ClosedWeekdays:5=Saturday;Sla:BusinessHours:ClosedWeekdays:6=Sunday",
        "Sla:BusinessHours: Business hours need at least one weekday that is not closed")]
    public async Task Business_hours_that_cannot_be_counted_stop_the_start(string settings, string message)
    {
        var failure = await StartFailure("Sla:BusinessHours:Enabled=true;" + settings);

        Assert.Contains(message, failure.Message);
    }

    [Theory]
    [InlineData("Sla:Targets:High:FirstResponse=00:00:00", "Sla:Targets: The SLA targets of High tickets must be positive")]
    [InlineData("Sla:Targets:Low:Resolution=-01:00:00", "Sla:Targets: The SLA targets of Low tickets must be positive")]
    [InlineData("Sla:Targets:Urgent:FirstResponse=05:00:00", "Sla:Targets: The first response target of Urgent tickets (05:00:00) is longer than their resolution target (04:00:00)")]
    [InlineData("Sla:WarningPercent=40", "Sla:WarningPercent must be between 50 and 99")]
    [InlineData("Sla:WarningPercent=100", "Sla:WarningPercent must be between 50 and 99")]
    public async Task Targets_that_cannot_be_kept_stop_the_start(string settings, string message)
    {
        var failure = await StartFailure(settings);

        Assert.Contains(message, failure.Message);
    }

    [Fact]
    public async Task Business_hours_are_not_checked_while_disabled()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Sla:BusinessHours:TimeZone"] = "Mars/Olympus_Mons");

        Assert.Null(host.Services.GetRequiredService<SlaPolicy>().Hours);
    }

    private async Task<Exception> StartFailure(string settings)
    {
        var exception = await Record.ExceptionAsync(async () =>
        {
            await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s =>
            {
                foreach (var setting in settings.Split(';'))
                {
                    var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    s[key] = value;
                }
            });
        });
        return Assert.IsAssignableFrom<Exception>(exception);
    }
}
