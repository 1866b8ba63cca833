using System.Globalization;
using Microsoft.Extensions.Options;

namespace Lucine.Functions.Hosting;

/// <summary>
/// The widget's colours (<c>Widget:Theme</c>), sent to it by <c>GET /api/widget/settings</c> and
/// applied as CSS custom properties: the accent is the launcher's and the send button's background,
/// the accent text their text and icon.
/// </summary>
public sealed class WidgetTheme
{
    public string Accent { get; set; } = "#8a6100";

    public string AccentText { get; set; } = "#ffffff";
}

/// <summary>A theme whose text would be hard to read on its accent is refused at start, not shipped.</summary>
public sealed class WidgetThemeCheck : IValidateOptions<WidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, WidgetOptions options)
    {
        var theme = options.Theme;
        if (!Rgb.TryParse(theme.Accent, out var accent) || !Rgb.TryParse(theme.AccentText, out var text))
        {
            return ValidateOptionsResult.Fail(
                $"Widget:Theme:Accent and Widget:Theme:AccentText must be colours written #rrggbb (they are \"{theme.Accent}\" and \"{theme.AccentText}\").");
        }

        var ratio = Contrast.Ratio(accent, text);
        return ratio >= Contrast.MinimumForText
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"Widget:Theme:AccentText {text} on Widget:Theme:Accent {accent} has a contrast of {ratio:0.00}:1; WCAG AA needs at least {Contrast.MinimumForText}:1. Choose a darker accent or another text colour."));
    }
}
