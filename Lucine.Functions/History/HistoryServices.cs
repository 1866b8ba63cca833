using Lucine.Functions.Decisions;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.History;

public static class HistoryServices
{
    /// <summary>The history of ended conversations: its index, written as each ends, and its search.</summary>
    public static IHostApplicationBuilder AddHistory(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<HistoryOptions>(HistoryOptions.Section);
        builder.Services.AddSingleton<ConversationIndex>();
        builder.Services.AddEffectHandler<ConversationEnded, ConversationRecords>("ended");
        return builder;
    }

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app) => app.MapHistoryEndpoints();
}
