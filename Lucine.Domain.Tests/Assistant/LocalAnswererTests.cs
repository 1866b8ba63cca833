namespace Lucine.Domain.Tests.Assistant;

[Trait("Category", Layer.Unit)]
public sealed class LocalAnswererTests
{
    private static readonly LocalAnswerer Answerer = new(ShippedKnowledge.Load());

    private static AssistantAnswer Ask(string text, Language? conversation = null, DateOnly? today = null) =>
        Answerer.Answer(new AssistantQuestion(text, conversation, today ?? ShippedKnowledge.SeasonDay));

    [Theory]
    [InlineData("Quanto costa il biglietto?", Language.Italian)]
    [InlineData("How much is a ticket?", Language.English)]
    [InlineData("posso portare il cane", Language.Italian)]
    [InlineData("can I bring my dog", Language.English)]
    public void Replies_in_the_language_of_the_message(string text, Language expected) =>
        Assert.Equal(expected, Ask(text).Language);

    [Theory]
    [InlineData(Language.English)]
    [InlineData(Language.Italian)]
    public void A_message_without_language_evidence_keeps_the_conversation_language(Language conversation) =>
        Assert.Equal(conversation, Ask("P3?", conversation).Language);

    [Fact]
    public void Links_come_from_the_knowledge_base_and_are_labelled_in_the_reply_language()
    {
        var answer = Ask("How much are the tickets?");

        var link = Assert.Single(answer.Actions);
        Assert.Equal(SmartActionKind.Link, link.Kind);
        Assert.Equal("buy_tickets", link.Action);
        Assert.Equal("Buy tickets", link.Label);
        Assert.Equal("https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2025", link.Url);
    }

    [Fact]
    public void Parking_costs_are_about_parking_not_ticket_prices()
    {
        var answer = Ask("quanto costa il parcheggio?");
        var english = Ask("how much does parking cost?");

        Assert.Equal(["parking_prices"], answer.Topics);
        Assert.StartsWith("Non abbiamo pubblicato le tariffe dei parcheggi", answer.Text);
        Assert.Contains("la navetta", answer.Text);
        Assert.Equal(["parking_prices"], english.Topics);
        Assert.StartsWith("We have not published the parking rates", english.Text);
    }

    [Fact]
    public void Two_questions_in_one_message_get_both_answers()
    {
        var answer = Ask("orari e prezzi?");

        Assert.Equal(["hours", "prices"], answer.Topics.Order());
        Assert.Contains("17:30", answer.Text);
        Assert.Contains("€9", answer.Text);
    }

    [Fact]
    public void A_request_for_a_person_wins_over_the_topics_it_mentions()
    {
        var answer = Ask("voglio il rimborso del biglietto saltafila");

        Assert.Equal(AnswerOutcome.NeedsHuman, answer.Outcome);
        Assert.Empty(answer.Topics);
        Assert.DoesNotContain("€", answer.Text);
    }

    [Fact]
    public void An_unknown_question_is_admitted_with_no_fact_and_no_link()
    {
        var answer = Ask("posso portare un drone per fare riprese?");

        Assert.Equal(AnswerOutcome.NotKnown, answer.Outcome);
        Assert.Empty(answer.Actions);
        Assert.DoesNotMatch(@"\d", answer.Text);
    }

    [Theory]
    [InlineData("ciao", AnswerOutcome.SmallTalk, "Lucy")]
    [InlineData("grazie!", AnswerOutcome.SmallTalk, "Prego")]
    [InlineData("ciao, ho una domanda", AnswerOutcome.SmallTalk, "Lucy")]
    public void Greetings_and_thanks_are_answered_in_kind(string text, AnswerOutcome outcome, string expected)
    {
        var answer = Ask(text);

        Assert.Equal(outcome, answer.Outcome);
        Assert.Contains(expected, answer.Text);
    }

    [Fact]
    public void Today_before_the_season_says_when_it_starts()
    {
        var answer = Ask("siete aperti oggi?", today: new DateOnly(2025, 11, 21));

        Assert.Contains("non è ancora aperto", answer.Text);
        Assert.Contains("6 dicembre 2025", answer.Text);
    }

    [Fact]
    public void A_day_after_the_end_of_a_running_season_says_when_the_season_ends()
    {
        var answer = Ask("siete aperti il 10 gennaio?");

        Assert.StartsWith("Sabato 10 gennaio il parco sarà chiuso: la stagione termina il 6 gennaio 2026.", answer.Text);
    }

    [Fact]
    public void Today_after_the_season_says_it_ended()
    {
        var today = new DateOnly(2026, 11, 21);
        var answer = new LocalAnswerer(ShippedKnowledge.Load(today: today)).Answer(new AssistantQuestion("are you open today?", null, today));

        Assert.Contains("the last season ended on 6 January 2026 and the dates of the next edition have not been set yet", answer.Text);
    }

    [Fact]
    public void A_closed_day_is_named_with_its_weekday()
    {
        var answer = Ask("siete aperti il 24 dicembre?");

        Assert.StartsWith("Mercoledì 24 dicembre il parco è chiuso.", answer.Text);
    }
}
