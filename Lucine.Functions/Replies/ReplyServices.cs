namespace Lucine.Functions.Replies;

public static class ReplyServices
{
    /// <summary>Canned replies: the store of the replies supervisors write and operators insert.</summary>
    public static IHostApplicationBuilder AddReplies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplyStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReplies(this IEndpointRouteBuilder app) => app.MapReplyEndpoints();
}
