using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>Configuration sections as options: bound, checked by their annotations, and checked at start, not at first use.</summary>
public static class Settings
{
    public static OptionsBuilder<T> AddSettings<T>(this IHostApplicationBuilder builder, string section)
        where T : class =>
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
