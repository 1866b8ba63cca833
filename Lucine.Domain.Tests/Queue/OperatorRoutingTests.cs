namespace Lucine.Domain.Tests.Queue;

[Trait("Category", Layer.Unit)]
public sealed class OperatorRoutingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 12, 13, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_least_loaded_operator_gets_the_next_chat()
    {
        var chosen = OperatorRouting.Choose([Online("anna", chats: 3), Online("bruno", chats: 1), Online("carla", chats: 2)]);

        Assert.Equal("bruno", chosen?.Username);
    }

    [Fact]
    public void Among_equally_loaded_operators_the_one_assigned_least_recently_goes_first()
    {
        var chosen = OperatorRouting.Choose([Online("anna", chats: 1, assigned: 9), Online("bruno", chats: 1, assigned: 4), Online("carla", chats: 1, assigned: 7)]);

        Assert.Equal("bruno", chosen?.Username);
    }

    [Fact]
    public void Round_robin_goes_through_everyone_before_repeating()
    {
        var team = new List<OperatorLoad> { Online("anna", chats: 0), Online("bruno", chats: 0), Online("carla", chats: 0) };
        var order = new List<string>();
        for (var minute = 1; minute <= 6; minute++)
        {
            var chosen = OperatorRouting.Choose(team)!;
            order.Add(chosen.Username);

            // The chat ends at once: load stays equal, only the time of the last assignment moves.
            team[team.IndexOf(chosen)] = chosen with { LastAssignedAt = T0.AddMinutes(minute) };
        }

        Assert.Equal(["anna", "bruno", "carla", "anna", "bruno", "carla"], order);
    }

    [Fact]
    public void Complete_ties_are_broken_by_username_so_the_choice_is_stable()
    {
        Assert.Equal("anna", OperatorRouting.Choose([Online("bruno", chats: 0), Online("anna", chats: 0)])?.Username);
    }

    [Fact]
    public void Operators_who_are_away_offline_inactive_or_full_are_never_chosen()
    {
        OperatorLoad[] team =
        [
            Online("away", chats: 0) with { Availability = OperatorAvailability.Away },
            Online("offline", chats: 0) with { Availability = OperatorAvailability.Offline },
            Online("inactive", chats: 0) with { Active = false },
            Online("full", chats: 5),
            Online("busy", chats: 4),
        ];

        Assert.Equal("busy", OperatorRouting.Choose(team)?.Username);
        Assert.Null(OperatorRouting.Choose(team[..4]));
    }

    [Fact]
    public void The_operator_a_chat_is_taken_from_is_excluded()
    {
        OperatorLoad[] team = [Online("anna", chats: 0), Online("bruno", chats: 3)];

        Assert.Equal("bruno", OperatorRouting.Choose(team, except: "anna")?.Username);
        Assert.Null(OperatorRouting.Choose([Online("anna", chats: 0)], except: "anna"));
    }

    [Fact]
    public void Nobody_to_choose_from_chooses_nobody()
    {
        Assert.Null(OperatorRouting.Choose([]));
    }

    [Fact]
    public void Staffing_counts_who_is_online_and_who_of_them_could_take_a_chat()
    {
        OperatorLoad[] team =
        [
            Online("anna", chats: 5),
            Online("bruno", chats: 2),
            Online("carla", chats: 0) with { Availability = OperatorAvailability.Away },
            Online("dario", chats: 0) with { Active = false },
        ];

        Assert.Equal(new Staffing(2, 1), OperatorRouting.Staffing(team));
    }

    private static OperatorLoad Online(string username, int chats, int assigned = 0) =>
        new(username, OperatorAvailability.Online, Active: true, chats, Capacity: 5, T0.AddMinutes(assigned));
}
