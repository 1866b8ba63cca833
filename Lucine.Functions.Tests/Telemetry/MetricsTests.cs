using System.Diagnostics.Metrics;
using Lucine.Functions.Assistant;
using Lucine.Functions.Chat;
using Lucine.Functions.Decisions;
using Lucine.Functions.Notifications;
using Lucine.Functions.Queue;
using Lucine.Functions.Telemetry;
using Lucine.Functions.Tests.Ai;
using Lucine.Functions.Tests.Api;
using Lucine.Functions.Tests.Notifications;
using Lucine.Functions.Tests.Operators;
using Lucine.Functions.Tickets;
using OpenTelemetry.Metrics;

namespace Lucine.Functions.Tests.Telemetry;

/// <summary>
/// Lucine's own metrics, driven through the app as visitors, operators and providers use it: each fact
/// counted once where it becomes known, and the same figures on the admins' <c>GET /api/metrics</c>.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class MetricsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Chats_escalations_the_queue_and_a_take_are_counted_once_and_shown_to_admins_only()
    {
        var clock = new ManualClock(Start);
        await using var host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock);
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var admin = await StaffDesk.LoginAsync(host.Http);
        var marco = await admin.HireAsync("marco", capacity: 1);

        // A retry with the same id gets the stored exchange: nothing happened twice, nothing is counted twice.
        var first = new Visitor(host.Http);
        var retryable = Guid.NewGuid().ToString();
        await first.SayAsync("Quanto costa il biglietto?", retryable);
        await first.SayAsync("Quanto costa il biglietto?", retryable);
        Assert.Equal(1, meters.Sum(ChatMetrics.MessagesInstrument, ("sender", "visitor")));
        Assert.Equal(1, meters.Sum(ChatMetrics.MessagesInstrument, ("sender", "bot"), ("answerer", "local")));

        await first.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.WithOperator, (await first.PressAsync("request_operator")).Status);
        var second = new Visitor(host.Http);
        await second.SayAsync("voglio parlare con un operatore");
        Assert.Equal(SessionStatus.Queued, (await second.PressAsync("request_operator")).Status);
        Assert.Equal(1, meters.Sum(ChatMetrics.EscalationsInstrument, ("result", "assigned")));
        Assert.Equal(1, meters.Sum(ChatMetrics.EscalationsInstrument, ("result", "queued")));
        var queued = await AdminMetricsAsync(admin);
        Assert.Equal(1, Single(queued, QueueMetrics.LengthInstrument).Value);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await admin.TakeAsync(second.SessionId!)).StatusCode);
        Assert.Equal([120.0], meters.Values(QueueMetrics.WaitInstrument, ("taken_by", "operator")));

        var metrics = await AdminMetricsAsync(admin);
        Assert.Equal(0, Single(metrics, QueueMetrics.LengthInstrument).Value);
        var wait = Single(metrics, QueueMetrics.WaitInstrument);
        Assert.Equal((1L, 120.0, 120.0, 120.0), (wait.Count, wait.Sum, wait.P50, wait.P90));
        Assert.Equal("s", Metric(metrics, QueueMetrics.WaitInstrument).Unit);
        var messages = Metric(metrics, ChatMetrics.MessagesInstrument);
        Assert.Equal("counter", messages.Kind);
        foreach (var sender in new[] { "visitor", "bot", "operator", "system" })
        {
            Assert.Equal(meters.Sum(ChatMetrics.MessagesInstrument, ("sender", sender)), messages.Points.Where(p => p.Tags["sender"] == sender).Sum(p => p.Value));
        }

        Assert.Equal(5, messages.Points.Single(p => p.Tags["sender"] == "visitor").Value);
        Assert.Equal(1, Single(metrics, ChatMetrics.EscalationsInstrument, "queued").Value);
        Assert.True(Single(metrics, OutboxDispatcher.BacklogInstrument).Value >= 0);
        Assert.Contains(metrics.Metrics, m => m.Name == "lucine.storage.requests" && m.Points.Count > 0);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync(MetricsEndpoints.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marco.SendAsync(HttpMethod.Get, MetricsEndpoints.Path)).StatusCode);
    }

    [Fact]
    public async Task A_turn_the_knowledge_base_answers_for_a_failing_model_is_a_fallback_by_reason()
    {
        await using var lucine = await ModelHost.StartAsync(azurite.ConnectionString, configure: s => s["Ai:MaxRetries"] = "0");
        using var meters = new MeterWatcher(lucine.Host.Services.GetRequiredService<IMeterFactory>());
        lucine.Model.Then(new ModelResponse.Failure(500));
        var visitor = lucine.NewVisitor();

        await visitor.SayAsync("Quanto costa il biglietto?");
        await visitor.SayAsync("e il ridotto?");

        Assert.Equal(1, meters.Sum(ModelAssistant.FallbacksInstrument));
        Assert.Equal(1, meters.Sum(ModelAssistant.FallbacksInstrument, ("reason", "http_500")));
        Assert.Equal(1, meters.Sum(ChatMetrics.MessagesInstrument, ("sender", "bot"), ("answerer", "local")));
        Assert.Equal(1, meters.Sum(ChatMetrics.MessagesInstrument, ("sender", "bot"), ("answerer", "model")));
    }

    [Fact]
    public async Task A_notification_that_fails_for_good_is_counted_once_by_channel_and_reason()
    {
        var clock = new ManualClock(Start);
        await using var provider = await FakeProvider.StartAsync();
        await using var host = await MessagingHost.StartAsync(azurite, provider, new RecordingInbox(), clock, s => s["Notifications:MaxAttempts"] = "1");
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());

        provider.Mode = ProviderMode.Reject;
        await host.QueueAsync(MessagingHost.Sms());
        provider.Mode = ProviderMode.ServerError;
        await host.QueueAsync(MessagingHost.Email());
        provider.Mode = ProviderMode.Healthy;
        await host.QueueAsync(MessagingHost.WhatsApp());
        var report = new DeliveryReport("twilio", provider.Accepted.Single().AnsweredId, "undelivered", NotificationStatus.Failed, "63016");
        var reports = host.Services.GetRequiredService<DeliveryReports>();
        Assert.True(await reports.ApplyAsync(report, CancellationToken.None));

        // The sweep and the same report again find them failed already.
        clock.Advance(TimeSpan.FromHours(2));
        await host.SweepAsync();
        await reports.ApplyAsync(report, CancellationToken.None);

        Assert.Equal(3, meters.Sum(NotificationMetrics.FailedInstrument));
        Assert.Equal(1, meters.Sum(NotificationMetrics.FailedInstrument, ("channel", "sms"), ("reason", NotificationMetrics.Rejected)));
        Assert.Equal(1, meters.Sum(NotificationMetrics.FailedInstrument, ("channel", "email"), ("reason", NotificationMetrics.GaveUp)));
        Assert.Equal(1, meters.Sum(NotificationMetrics.FailedInstrument, ("channel", "whats_app"), ("reason", NotificationMetrics.Undeliverable)));
    }

    [Fact]
    public async Task A_tickets_sla_warning_and_breach_are_counted_once_each()
    {
        var clock = new ManualClock(Start);
        await using var host = await StaffDesk.StartHostAsync(azurite.ConnectionString, clock);
        using var meters = new MeterWatcher(host.Services.GetRequiredService<IMeterFactory>());
        var opened = await host.Http.PostAsJsonAsync("/api/tickets", new { name = "Maria Rossi", contact = "maria@example.com", message = "Ho perso i biglietti" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);

        // Medium priority: first response within 4 h, warned at 80 %.
        clock.Advance(TimeSpan.FromMinutes(4 * 60 * 0.8));
        await SweepTicketsAsync(host);
        await SweepTicketsAsync(host);
        Assert.Equal(1, meters.Sum(SlaMetrics.WarningsInstrument, ("sla", "ticket_first_response")));
        Assert.Equal(0, meters.Sum(SlaMetrics.BreachesInstrument));

        clock.Advance(TimeSpan.FromMinutes(4 * 60 * 0.2));
        await SweepTicketsAsync(host);
        await SweepTicketsAsync(host);
        Assert.Equal(1, meters.Sum(SlaMetrics.WarningsInstrument));
        Assert.Equal(1, meters.Sum(SlaMetrics.BreachesInstrument, ("sla", "ticket_first_response")));
    }

    [Fact]
    public async Task With_the_console_switched_on_the_exporter_prints_lucines_metrics()
    {
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s => s["Telemetry:Console"] = "true");
        await new Visitor(host.Http).SayAsync("Quanto costa il biglietto?");

        // The exporter writes to the process's console: this test's writer, for one flush.
        var console = Console.Out;
        using var printed = new StringWriter();
        Console.SetOut(printed);
        try
        {
            Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Contains($"Metric Name: {ChatMetrics.MessagesInstrument}", printed.ToString());
    }

    private static async Task SweepTicketsAsync(LucineHost host) =>
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync("/SweepTickets", null)).StatusCode);

    private static async Task<MetricsResponse> AdminMetricsAsync(StaffDesk admin) =>
        await StaffDesk.ReadAsync<MetricsResponse>(await admin.SendAsync(HttpMethod.Get, MetricsEndpoints.Path));

    private static MetricView Metric(MetricsResponse metrics, string name) => Assert.Single(metrics.Metrics, m => m.Name == name);

    private static MetricReading Single(MetricsResponse metrics, string name, string? result = null) =>
        Assert.Single(Metric(metrics, name).Points, p => result is null || p.Tags.GetValueOrDefault("result") == result);
}
