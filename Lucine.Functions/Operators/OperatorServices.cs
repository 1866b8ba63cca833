using Lucine.Functions.Hosting;

namespace Lucine.Functions.Operators;

public static class OperatorServices
{
    /// <summary>Operator accounts: the store, passwords, tokens, the login limits, the first admin.</summary>
    public static IHostApplicationBuilder AddOperators(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<OperatorOptions>(OperatorOptions.Section);
        var services = builder.Services;
        services.AddSingleton<OperatorStore>();
        services.AddSingleton<OperatorPresence>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<OperatorTokens>();
        services.AddSingleton<LoginThrottle>();
        services.AddHostedService<OperatorBootstrap>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOperators(this IEndpointRouteBuilder app) => app.MapOperatorEndpoints();
}
