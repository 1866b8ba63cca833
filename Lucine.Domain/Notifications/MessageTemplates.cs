namespace Lucine.Domain.Notifications;

/// <summary>
/// The fixed sentences Lucine says to visitors (greetings, "I don't know", button labels, day status),
/// in Italian and English, loaded from a file so that the owners can reword them without a release.
/// </summary>
public sealed class MessageTemplates
{
    private readonly IReadOnlyDictionary<string, LocalizedText> texts;

    public MessageTemplates(IReadOnlyDictionary<string, LocalizedText> texts) => this.texts = texts;

    public string Render(string key, Language language, Func<string, string?> lookup) =>
        Placeholders.Render(Text(key, language), lookup);

    public string Text(string key, Language language) =>
        texts.TryGetValue(key, out var text)
            ? text.For(language)
            : throw new InvalidOperationException($"Template \"{key}\" is missing: the templates were not validated.");

    /// <summary>Every problem with these templates: missing keys, empty texts, unknown placeholders (each in its field: <c>key.it</c>, <c>key.en</c>, or <c>key</c>).</summary>
    public IReadOnlyList<KnowledgeError> Validate(Func<string, bool> isKnownPlaceholder)
    {
        var errors = new List<KnowledgeError>();
        foreach (var key in TemplateKeys.All)
        {
            if (!texts.TryGetValue(key, out var text))
            {
                errors.Add(new KnowledgeError(key, $"template \"{key}\" is missing", "text-missing", ("key", key)));
                continue;
            }

            foreach (var (language, value) in new[] { ("it", text.It), ("en", text.En) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add(new KnowledgeError($"{key}.{language}", $"template \"{key}\".{language} is empty", "text-empty", ("language", language)));
                    continue;
                }

                foreach (var name in Placeholders.Names(value).Where(n => !isKnownPlaceholder(n) && !TemplateKeys.OwnPlaceholders(key).Contains(n)))
                {
                    errors.Add(new KnowledgeError($"{key}.{language}", $"template \"{key}\".{language} uses unknown placeholder {{{name}}}", "placeholder-unknown", ("placeholder", name)));
                }
            }
        }

        foreach (var key in texts.Keys.Except(TemplateKeys.All).Order(StringComparer.Ordinal))
        {
            errors.Add(new KnowledgeError(key, $"template \"{key}\" is not used by Lucine (misspelt?)", "text-unused", ("key", key)));
        }

        return errors;
    }

    /// <summary>
    /// The texts that dropped a placeholder of their own (not a fact) that <paramref name="original"/>
    /// uses: "{ticket}" taken out of the ticket confirmation would leave the visitor without its number.
    /// </summary>
    public IReadOnlyList<KnowledgeError> Dropped(MessageTemplates original)
    {
        var errors = new List<KnowledgeError>();
        foreach (var (key, text) in texts)
        {
            if (!original.texts.TryGetValue(key, out var before))
            {
                continue;
            }

            foreach (var (language, value, was) in new[] { ("it", text.It, before.It), ("en", text.En, before.En) })
            {
                var kept = Placeholders.Names(value ?? "").ToHashSet(StringComparer.Ordinal);
                errors.AddRange(Placeholders.Names(was).Distinct().Where(n => TemplateKeys.OwnPlaceholders(key).Contains(n) && !kept.Contains(n))
                    .Select(n => new KnowledgeError($"{key}.{language}", $"template \"{key}\".{language} must keep {{{n}}}", "placeholder-dropped", ("placeholder", n))));
            }
        }

        return errors;
    }
}

/// <summary>The templates Lucine needs, and the placeholders each one gets besides the facts.</summary>
public static class TemplateKeys
{
    public const string Greeting = "assistant.greeting";
    public const string Thanks = "assistant.thanks";
    public const string NotKnown = "assistant.not_known";
    public const string Handoff = "assistant.handoff";
    public const string EscalationOffer = "escalation.offer";
    public const string ContinueWithAssistant = "assistant.continue";
    public const string RequestOperatorLabel = "action.request_operator";
    public const string ContinueWithAssistantLabel = "action.continue_ai";
    public const string DayOpen = "day.open";
    public const string DayClosed = "day.closed";
    public const string DayBeforeSeason = "day.before_season";
    public const string DayAfterSeasonEnd = "day.after_season_end";
    public const string DaySeasonOver = "day.season_over";
    public const string SeasonNotAnnounced = "season.not_announced";
    public const string Today = "day.today";
    public const string Tomorrow = "day.tomorrow";
    public const string OnDate = "day.on_date";
    public const string EscalationSorry = "escalation.sorry";
    public const string NobodyOnline = "escalation.nobody_online";
    public const string RequestTicketLabel = "action.request_ticket";
    public const string EndChatLabel = "action.end_chat";
    public const string ContinueChatLabel = "action.continue_chat";
    public const string QueueEntered = "queue.entered";
    public const string QueueTicketOffer = "queue.ticket_offer";
    public const string QueuePriorityRaised = "queue.priority_raised";
    public const string QueueGaveUp = "queue.gave_up";
    public const string QueueRequeued = "queue.requeued";
    public const string QueueLeft = "queue.left";
    public const string OperatorJoined = "operator.joined";
    public const string OperatorTransferred = "operator.transferred";
    public const string OperatorDelayed = "operator.delayed";
    public const string WaitingClient = "chat.waiting_client";
    public const string CloseRequest = "chat.close_request";
    public const string ChatResumed = "chat.resumed";
    public const string ChatClosed = "chat.closed";
    public const string ChatEndedIdle = "chat.ended_idle";
    public const string TicketStart = "ticket.start";
    public const string TicketAskName = "ticket.ask_name";
    public const string TicketNameInvalid = "ticket.name_invalid";
    public const string TicketAskContact = "ticket.ask_contact";
    public const string TicketContactInvalid = "ticket.contact_invalid";
    public const string TicketAskChannel = "ticket.ask_channel";
    public const string TicketCreated = "ticket.created";
    public const string TicketCancelled = "ticket.cancelled";
    public const string TicketAskNeed = "ticket.ask_need";
    public const string TicketConfirmNeed = "ticket.confirm_need";
    public const string TicketNeedInvalid = "ticket.need_invalid";
    public const string ConfirmNeedLabel = "action.confirm_need";
    public const string WriteNeedLabel = "action.write_need";
    public const string ResumeStaffLabel = "action.resume_staff";
    public const string ResumeAssistantLabel = "action.resume_assistant";
    public const string ChatResumedNoReply = "chat.resumed_no_reply";
    public const string CancelTicketLabel = "action.cancel_ticket";
    public const string ContactWhatsappLabel = "action.contact_whatsapp";
    public const string ContactSmsLabel = "action.contact_sms";
    public const string ChannelEmail = "channel.email";
    public const string ChannelWhatsapp = "channel.whatsapp";
    public const string ChannelSms = "channel.sms";
    public const string ChatResumedFromTicket = "chat.resumed_from_ticket";
    public const string NotifySubject = "notify.subject";
    public const string NotifyCreated = "notify.created";
    public const string NotifyResumeLink = "notify.resume_link";
    public const string NotifyReply = "notify.reply";
    public const string NotifyWaitingCustomer = "notify.waiting_customer";
    public const string NotifyResolved = "notify.resolved";
    public const string NotifyRatingLink = "notify.rating_link";
    public const string StaffSlaBreachedSubject = "staff.sla_breached_subject";
    public const string StaffSlaBreached = "staff.sla_breached";
    public const string SlaFirstResponse = "sla.first_response";
    public const string SlaResolution = "sla.resolution";

    public static readonly IReadOnlyList<string> All =
    [
        Greeting, Thanks, NotKnown, Handoff, EscalationOffer, ContinueWithAssistant,
        RequestOperatorLabel, ContinueWithAssistantLabel, DayOpen, DayClosed, DayBeforeSeason, DayAfterSeasonEnd, DaySeasonOver, SeasonNotAnnounced,
        Today, Tomorrow, OnDate, EscalationSorry, NobodyOnline, RequestTicketLabel, EndChatLabel, ContinueChatLabel,
        QueueEntered, QueueTicketOffer, QueuePriorityRaised, QueueGaveUp, QueueRequeued, QueueLeft,
        OperatorJoined, OperatorTransferred, OperatorDelayed, WaitingClient, CloseRequest, ChatResumed, ChatClosed, ChatEndedIdle,
        TicketStart, TicketAskName, TicketNameInvalid, TicketAskContact, TicketContactInvalid, TicketAskChannel, TicketCreated, TicketCancelled,
        TicketAskNeed, TicketConfirmNeed, TicketNeedInvalid, ConfirmNeedLabel, WriteNeedLabel, ResumeStaffLabel, ResumeAssistantLabel, ChatResumedNoReply,
        CancelTicketLabel, ContactWhatsappLabel, ContactSmsLabel, ChannelEmail, ChannelWhatsapp, ChannelSms, ChatResumedFromTicket,
        NotifySubject, NotifyCreated, NotifyResumeLink, NotifyReply, NotifyWaitingCustomer, NotifyResolved, NotifyRatingLink,
        StaffSlaBreachedSubject, StaffSlaBreached, SlaFirstResponse, SlaResolution,
    ];

    public static IReadOnlyCollection<string> OwnPlaceholders(string key) => key switch
    {
        DayOpen or DayClosed or DayBeforeSeason or DayAfterSeasonEnd or DaySeasonOver => ["day"],
        Today or Tomorrow or OnDate => ["date"],
        QueueEntered => ["position", "minutes"],
        OperatorJoined or OperatorTransferred => ["operator"],
        TicketAskContact => ["name"],
        TicketCreated => ["ticket", "due", "channel", "contact"],
        ChatResumedFromTicket or ChatResumedNoReply => ["ticket"],
        TicketConfirmNeed => ["question"],
        NotifySubject or NotifyWaitingCustomer or NotifyResolved or StaffSlaBreachedSubject => ["ticket", "name"],
        NotifyCreated => ["ticket", "name", "due", "access"],
        NotifyResumeLink or NotifyRatingLink => ["ticket", "name", "link"],
        NotifyReply => ["ticket", "name", "text"],
        StaffSlaBreached => ["ticket", "name", "sla", "priority", "subject", "assignee"],
        _ => [],
    };
}
