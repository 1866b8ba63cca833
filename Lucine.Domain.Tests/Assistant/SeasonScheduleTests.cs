namespace Lucine.Domain.Tests.Assistant;

/// <summary>Seasons as data: which one visitors are told about, when staff are warned, and what is said until a season is set.</summary>
[Trait("Category", Layer.Unit)]
public sealed class SeasonScheduleTests
{
    private static readonly SeasonCalendar Last = ShippedKnowledge.ReferenceSeason;

    private static readonly SeasonCalendar Next = new(
        new DateOnly(2026, 12, 5), new DateOnly(2027, 1, 6), [new DateOnly(2026, 12, 24)],
        new TimeOnly(17, 0), new TimeOnly(23, 0), new TimeOnly(22, 0), "https://lucinedinatale.it/products/biglietto-parco-lucine-di-natale-2026");

    private static readonly SeasonSchedule OnlyLast = new([Last]);

    private static AssistantAnswer Ask(string text, DateOnly today, SeasonCalendar? season = null) =>
        new LocalAnswerer(ShippedKnowledge.Load(season, today)).Answer(new AssistantQuestion(text, null, today));

    [Fact]
    public void The_season_under_way_or_next_is_the_current_one_and_the_last_over_is_kept()
    {
        var schedule = new SeasonSchedule([Next, Last]);

        Assert.Equal(new SeasonView(Last, null), schedule.On(new DateOnly(2025, 11, 1)));
        Assert.Equal(new SeasonView(Last, null), schedule.On(Last.End));
        Assert.Equal(new SeasonView(Next, Last), schedule.On(Last.End.AddDays(1)));
        Assert.Equal(new SeasonView(null, Next), schedule.On(new DateOnly(2027, 2, 1)));
        Assert.Equal([Last, Next], schedule.Seasons);
    }

    [Fact]
    public void No_warning_while_a_season_covers_or_follows_today()
    {
        Assert.Null(OnlyLast.WarningOn(ShippedKnowledge.SeasonDay));
        Assert.Null(OnlyLast.WarningOn(Last.End));
        Assert.Null(new SeasonSchedule([Last, Next]).WarningOn(new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public void After_the_last_season_s_end_staff_are_warned_that_no_season_is_set()
    {
        var warning = OnlyLast.WarningOn(Last.End.AddDays(1));

        Assert.Equal(new SeasonWarning(SeasonWarningKind.SeasonOver, Last.End, new DateOnly(2026, 12, 6)), warning);
        Assert.Equal(SeasonWarningKind.SeasonOver, OnlyLast.WarningOn(new DateOnly(2026, 11, 5))?.Kind);
    }

    [Fact]
    public void Thirty_days_before_the_expected_opening_the_warning_becomes_urgent()
    {
        // The last season started on 6 December 2025: the next is expected around 6 December 2026.
        Assert.Equal(SeasonWarningKind.SeasonOver, OnlyLast.WarningOn(new DateOnly(2026, 11, 5))?.Kind);
        Assert.Equal(SeasonWarningKind.OpeningSoon, OnlyLast.WarningOn(new DateOnly(2026, 11, 6))?.Kind);
        Assert.Equal(SeasonWarningKind.OpeningSoon, OnlyLast.WarningOn(new DateOnly(2026, 12, 20))?.Kind);
    }

    [Fact]
    public void Each_problem_names_its_field()
    {
        var wrong = Last with { End = new DateOnly(2025, 12, 1), ClosedDays = [new DateOnly(2026, 2, 1)], LastEntry = new TimeOnly(23, 30), TicketsUrl = "http://shop.example" };
        var overlapping = Last with { Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 1, 31), ClosedDays = [] };

        Assert.Equal(
            [
                "seasons[0].end: the season ends (2025-12-01) before it starts (2025-12-06)",
                "seasons[0].closedDays: closed day 2026-02-01 is outside the season",
                "seasons[0].lastEntry: last entry 23:30 is not between opening and closing time",
                "seasons[0].ticketsUrl: \"http://shop.example\" is not an absolute https address",
            ],
            new SeasonSchedule([wrong]).Validate().Select(p => p.ToString()));
        Assert.Equal(["seasons[1].start: the season starting 2026-01-01 overlaps the one ending 2026-01-06"], new SeasonSchedule([Last, overlapping]).Validate().Select(p => p.ToString()));
        Assert.Equal("seasons", Assert.Single(new SeasonSchedule([]).Validate()).Field);
    }

    [Theory]
    [InlineData("siete aperti oggi?", "Oggi (mercoledì 2 dicembre) il parco è chiuso: l'ultima stagione si è conclusa il 6 gennaio 2026 e le date della prossima edizione non sono ancora state fissate.")]
    [InlineData("quando siete aperti?", "L'ultima stagione delle Lucine di Natale si è conclusa il 6 gennaio 2026. Le date, gli orari e i biglietti della prossima edizione non sono ancora stati fissati")]
    [InlineData("a che ora aprite?", "L'ultima stagione delle Lucine di Natale si è conclusa il 6 gennaio 2026.")]
    [InlineData("are you open today?", "Today (Wednesday 2 December) the park is closed: the last season ended on 6 January 2026 and the dates of the next edition have not been set yet.")]
    [InlineData("what are the opening hours?", "The last season of Lucine di Natale ended on 6 January 2026. The dates, opening hours and tickets of the next edition have not been set yet")]
    public void Until_a_season_is_set_the_assistant_says_when_the_last_ended_and_that_new_dates_will_be_announced(string question, string expected)
    {
        var answer = Ask(question, new DateOnly(2026, 12, 2));

        Assert.StartsWith(expected, answer.Text);
        Assert.DoesNotContain("17:30", answer.Text);
        Assert.DoesNotContain("6 dicembre 2025", answer.Text);
        Assert.Contains("lucinedinatale.it", answer.Text);
    }

    [Fact]
    public void Until_a_season_is_set_the_ticket_link_of_the_old_edition_is_not_offered()
    {
        var answer = Ask("quanto costa il biglietto?", new DateOnly(2026, 12, 2));

        Assert.Equal(["prices"], answer.Topics);
        Assert.Empty(answer.Actions);
    }

    [Fact]
    public void The_ticket_link_points_to_the_shop_of_the_current_season()
    {
        var today = new DateOnly(2026, 11, 20);
        var knowledge = ShippedKnowledge.Load(Next, today);

        var answer = new LocalAnswerer(knowledge).Answer(new AssistantQuestion("how much are the tickets?", null, today));
        var dates = new LocalAnswerer(knowledge).Answer(new AssistantQuestion("quando siete aperti?", null, today));

        Assert.Equal(Next.TicketsUrl, Assert.Single(answer.Actions).Url);
        Assert.Contains("dal 5 dicembre 2026 al 6 gennaio 2027", dates.Text);
        Assert.Equal(["buy_tickets", "whatsapp", "email", "map", "website"], knowledge.LinkIds);
        Assert.DoesNotContain("buy_tickets", ShippedKnowledge.Load(today: new DateOnly(2026, 12, 2)).LinkIds);
    }
}
