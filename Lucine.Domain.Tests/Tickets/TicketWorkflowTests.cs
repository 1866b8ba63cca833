using Lucine.Domain.Tests.Sessions;

namespace Lucine.Domain.Tests.Tickets;

/// <summary>The life of a ticket: statuses, what the customer is told, and the SLA's promises.</summary>
[Trait("Category", Layer.Unit)]
public sealed class TicketWorkflowTests
{
    private static readonly TicketWorkflow Workflow = new(Scenario.Knowledge, Scenario.Tickets);

    /// <summary>Saturday 13 December 2025, 18:00 UTC (19:00 in Rome).</summary>
    private static readonly DateTimeOffset T0 = Scenario.T0;

    private static readonly TicketNumber Number = new(2025, 7);

    private static readonly TicketLinks Links = new("code123", "https://lucinedinatale.it/?lucine_resume=t");

    private static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    private static TicketDecision Open(ContactChannel channel = ContactChannel.Email, TicketPriority priority = TicketPriority.Medium) =>
        Workflow.Open(new TicketDraft(Number, new CustomerContact("Maria", channel, channel == ContactChannel.Email ? "maria@example.com" : "+393331234567"),
            Language.Italian, priority, TicketSource.Chat, "Biglietti smarriti", "…", Scenario.Id, 9), Links, T0);

    private static TicketState Opened(ContactChannel channel = ContactChannel.Email) => Open(channel).State;

    private static TicketDecision Decide(TicketState state, TicketInput input, double minutes) => Workflow.Decide(state, input, At(minutes));

    private static Notification Sent(TicketDecision decision) => Assert.Single(decision.Effects.OfType<NotifyCustomer>()).Notification;

    [Fact]
    public void Opening_a_number_that_exists_already_changes_nothing()
    {
        var opened = Opened();
        var draft = new TicketDraft(Number, new CustomerContact("Altro", ContactChannel.Sms, "+393330000000"), Language.English, TicketPriority.Urgent,
            TicketSource.Api, "Altro oggetto", "…", null, 0);

        var again = Decide(opened, new TicketOpens(draft, Links), 5);

        Assert.True(again.IsNoChange);
        Assert.Equal(opened, again.State);
    }

    [Fact]
    public void Opening_starts_both_promises_and_confirms_with_number_due_time_access_code_and_resume_link()
    {
        var decision = Open();

        var state = decision.State;
        Assert.Equal((TicketStatus.Open, SlaState.Active), (state.Status, state.Sla));
        Assert.Equal((At(4 * 60 * 0.8), At(4 * 60)), (state.FirstResponse.WarnAt, state.FirstResponse.DueAt));
        Assert.Equal((At(24 * 60 * 0.8), At(24 * 60)), (state.Resolution.WarnAt, state.Resolution.DueAt));
        var notification = Sent(decision);
        Assert.Equal(("LUC-2025-000007-000001-created", ContactChannel.Email, "maria@example.com"), (notification.Key, notification.Channel, notification.To));
        Assert.Contains("LUC-2025-000007", notification.Text);
        Assert.Contains("oggi alle 23:00", notification.Text);
        Assert.Contains("code123", notification.Text);
        Assert.Contains(Links.ResumeUrl!, notification.Text);
        Assert.Contains("LUC-2025-000007", notification.Subject);
        Assert.Equal("LUC-2025-000007", notification.Ticket);
        Assert.Single(decision.Effects.OfType<TicketChanged>());
        Assert.Contains(decision.Effects.OfType<RecordAnalytics>(), a => a.Event.Type == AnalyticsEventTypes.TicketCreated);
        Assert.Equal(state.FirstResponse.WarnAt, Workflow.NextCheck(state));
    }

    [Fact]
    public void A_reply_is_the_first_response_moves_the_ticket_in_progress_and_reaches_the_customer()
    {
        var decision = Decide(Opened(), new TicketReplied("anna", "Li abbiamo ritrovati!"), 30);

        var state = decision.State;
        Assert.Equal((TicketStatus.InProgress, SlaState.Met, At(30)), (state.Status, state.FirstResponse.State, state.FirstResponse.EndedAt));
        Assert.Equal([TicketEntryKind.Reply, TicketEntryKind.Event], decision.Entries.Select(e => e.Kind));
        var notification = Sent(decision);
        Assert.Contains("Li abbiamo ritrovati!", notification.Text);
        Assert.Equal("Li abbiamo ritrovati!", notification.Fields["text"]);
    }

    [Fact]
    public void An_internal_note_stays_with_the_staff_and_a_public_one_is_sent()
    {
        Assert.Empty(Decide(Opened(), new TicketNoted("anna", "cliente abituale", Public: false), 5).Effects.OfType<NotifyCustomer>());
        Assert.Single(Decide(Opened(), new TicketNoted("anna", "Ci servono due giorni", Public: true), 5).Effects.OfType<NotifyCustomer>());
    }

    [Theory]
    [InlineData(TicketStatus.Closed, TicketStatus.InProgress)]
    [InlineData(TicketStatus.Resolved, TicketStatus.WaitingCustomer)]
    [InlineData(TicketStatus.Closed, TicketStatus.Open)]
    [InlineData(TicketStatus.InProgress, TicketStatus.Open)]
    public void Only_valid_status_changes_are_allowed(TicketStatus from, TicketStatus to)
    {
        var state = Opened() with { Status = from };

        var decision = Decide(state, new TicketStatusSet("anna", to), 5);

        Assert.Equal("invalid-transition", decision.Rejection!.Code);
        Assert.True(decision.IsNoChange);
        Assert.Same(state, decision.State);
    }

    [Fact]
    public void The_same_status_again_is_a_conflict_of_its_own()
    {
        Assert.Equal("status-unchanged", Decide(Opened(), new TicketStatusSet("anna", TicketStatus.Open), 5).Rejection!.Code);
    }

    [Fact]
    public void Waiting_for_the_customer_and_resolving_tell_the_customer()
    {
        var waiting = Decide(Opened(), new TicketStatusSet("anna", TicketStatus.WaitingCustomer), 5);
        Assert.Equal(Scenario.Text(TemplateKeys.NotifyWaitingCustomer, Language.Italian, ("name", "Maria"), ("ticket", "LUC-2025-000007")), Sent(waiting).Text);

        var resolved = Decide(waiting.State, new TicketStatusSet("anna", TicketStatus.Resolved), 6);
        Assert.Equal((TicketStatus.Resolved, SlaState.Met, At(6)), (resolved.State.Status, resolved.State.Resolution.State, resolved.State.ResolvedAt));
        Assert.Contains("risolta", Sent(resolved).Text);
    }

    [Fact]
    public void The_customer_writing_again_reopens_a_resolved_ticket_and_restarts_the_resolution_promise()
    {
        var resolved = Decide(Opened(), new TicketStatusSet("anna", TicketStatus.Resolved), 6).State with { Assignee = "anna" };

        var decision = Decide(resolved, new CustomerWrote(ContactChannel.Email, "Non è risolto"), 60);

        Assert.Equal(TicketStatus.InProgress, decision.State.Status);
        Assert.Equal((SlaState.Active, At(60 + 24 * 60)), (decision.State.Resolution.State, decision.State.Resolution.DueAt));
        Assert.Equal(TicketEntryKind.CustomerMessage, decision.Entries[0].Kind);
        Assert.Equal(new AlertStaff("anna", TicketAlerts.CustomerWrote), Assert.Single(decision.Effects.OfType<AlertStaff>()));
    }

    [Fact]
    public void Whatsapp_free_text_is_allowed_only_within_24_hours_of_the_customers_last_message()
    {
        Assert.True(Sent(Open(ContactChannel.WhatsApp)).OutsideWhatsAppWindow);

        var wrote = Decide(Opened(ContactChannel.WhatsApp), new CustomerWrote(ContactChannel.WhatsApp, "ciao"), 10).State;
        Assert.False(Sent(Decide(wrote, new TicketReplied("anna", "eccoci"), 60)).OutsideWhatsAppWindow);
        Assert.True(Sent(Decide(wrote, new TicketReplied("anna", "eccoci"), 10 + 24 * 60)).OutsideWhatsAppWindow);
        Assert.False(Sent(Open(ContactChannel.Sms)).OutsideWhatsAppWindow);
    }

    [Fact]
    public void The_sla_warns_the_assignee_at_80_percent_then_breaks_raises_the_priority_and_alerts_the_supervisors()
    {
        var state = Opened() with { Assignee = "anna" };

        Assert.True(Decide(state, new TicketTimeReached(), 4 * 60 * 0.8 - 1).IsNoChange);

        var warned = Decide(state, new TicketTimeReached(), 4 * 60 * 0.8);
        Assert.Equal(SlaState.Warning, warned.State.FirstResponse.State);
        Assert.Equal(new AlertStaff("anna", TicketAlerts.SlaWarning), Assert.Single(warned.Effects.OfType<AlertStaff>()));
        Assert.Equal(At(4 * 60), Workflow.NextCheck(warned.State));

        var breached = Decide(warned.State, new TicketTimeReached(), 4 * 60);
        Assert.Equal((SlaState.Breached, TicketPriority.High), (breached.State.FirstResponse.State, breached.State.Priority));
        var alert = Assert.Single(breached.Effects.OfType<AlertStaff>());
        Assert.Equal((null, TicketAlerts.SlaBreached), (alert.Username, alert.Alert));
        Assert.Contains("LUC-2025-000007", alert.EmailSubject);
        Assert.Contains("prima risposta", alert.EmailText);
        Assert.Contains(breached.Effects.OfType<RecordAnalytics>(), a => a.Event.Type == AnalyticsEventTypes.SlaViolation);
        Assert.Equal(SlaState.Breached, breached.State.Sla);
    }

    [Fact]
    public void A_late_sweep_warns_and_breaks_at_once_and_a_breach_stays_for_the_reports()
    {
        var breached = Decide(Opened(), new TicketTimeReached(), 5 * 60).State;
        Assert.Equal(SlaState.Breached, breached.FirstResponse.State);

        var answered = Decide(breached, new TicketReplied("anna", "scusate il ritardo"), 5 * 60 + 1).State;
        Assert.Equal(SlaState.Breached, answered.FirstResponse.State);
    }

    [Fact]
    public void A_resolved_ticket_closes_itself_after_a_week()
    {
        var resolved = Decide(Opened(), new TicketStatusSet("anna", TicketStatus.Resolved), 6).State;
        Assert.Equal(At(6) + TimeSpan.FromDays(7), Workflow.NextCheck(resolved));

        var decision = Workflow.Decide(resolved, new TicketTimeReached(), At(6) + TimeSpan.FromDays(7));

        Assert.Equal(TicketStatus.Closed, decision.State.Status);
        Assert.Null(Workflow.NextCheck(decision.State));
    }

    [Fact]
    public void A_new_priority_measures_the_running_promises_against_its_own_targets()
    {
        var decision = Decide(Opened(), new TicketEdited("anna", null, null, TicketPriority.Urgent), 5);

        Assert.Equal((At(15), At(4 * 60)), (decision.State.FirstResponse.DueAt, decision.State.Resolution.DueAt));
    }

    [Fact]
    public void A_closed_ticket_takes_no_more_replies_but_still_hears_the_customer()
    {
        var closed = Decide(Opened(), new TicketStatusSet("anna", TicketStatus.Closed), 5).State;

        Assert.Equal("ticket-closed", Decide(closed, new TicketReplied("anna", "x"), 6).Rejection!.Code);
        Assert.Equal(TicketStatus.Closed, Decide(closed, new CustomerWrote(ContactChannel.Email, "ciao"), 6).State.Status);
    }

    [Fact]
    public void A_bounce_marks_the_contact_and_alerts_once()
    {
        var bounced = Decide(Opened() with { Assignee = "anna" }, new ContactFailed("bounce"), 5);

        Assert.Equal("bounce", bounced.State.Undeliverable);
        Assert.Equal(new AlertStaff("anna", TicketAlerts.ContactUndeliverable), Assert.Single(bounced.Effects.OfType<AlertStaff>()));
        Assert.Equal("already-undeliverable", Decide(bounced.State, new ContactFailed("bounce"), 6).Rejection!.Code);
    }

    [Fact]
    public void A_ticket_someone_else_holds_is_reassigned_only_by_a_supervisor()
    {
        var held = Decide(Opened(), new TicketAssigned("anna", "anna"), 1).State;

        var refused = Decide(held, new TicketAssigned("bruno", "bruno"), 2);
        Assert.Equal((RejectionKind.Forbidden, "not-your-ticket"), (refused.Rejection?.Kind, refused.Rejection?.Code));
        Assert.Equal(held, refused.State);
        Assert.Equal("bruno", Decide(held, new TicketAssigned("carla", "bruno", Supervising: true), 2).State.Assignee);
        Assert.Equal("bruno", Decide(held, new TicketAssigned("anna", "bruno"), 2).State.Assignee);
        Assert.Null(Decide(held, new TicketAssigned("anna", null), 2).State.Assignee);
    }
}
