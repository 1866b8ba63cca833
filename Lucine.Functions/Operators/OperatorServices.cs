using Lucine.Functions.Hosting;

namespace Lucine.Functions.Operators;

public static class OperatorServices
{
    /// <summary>Operator accounts: the store, passwords, tokens, the login limits, presence, the team, the first admin.</summary>
    public static IHostApplicationBuilder AddOperators(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<OperatorOptions>(OperatorOptions.Section);
        builder.AddTimerFunction(PresenceSweep.Timer, "*/15 * * * * *");
        var services = builder.Services;
        services.AddSingleton<OperatorStore>();
        services.AddSingleton<OperatorPresence>();
        services.AddSingleton<OperatorDeparture>();
        services.AddSingleton<PresenceSweep>();
        services.AddHostedService<PresenceSweeper>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<OperatorTokens>();
        services.AddSingleton<LoginThrottle>();
        services.AddHostedService<OperatorBootstrap>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOperators(this IEndpointRouteBuilder app)
    {
        app.MapOperatorEndpoints();
        app.MapTeamEndpoints();
        app.MapTimerFunction<PresenceSweep>(PresenceSweep.Timer, async (sweep, cancellationToken) =>
            $"{await sweep.RunOnceAsync(cancellationToken)} operators away");
        return app;
    }
}
