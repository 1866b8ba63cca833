using System.Text.RegularExpressions;
using Lucine.Functions.Tests.Infrastructure;

namespace Lucine.Functions.Tests.Hosting;

/// <summary>The front-ends' files as the developers' guide wants them: small, one view per file, the dashboard's markup beside its views.</summary>
[Trait("Category", Layer.Unit)]
public sealed partial class FrontendFileTests
{
    private const int MaxLines = 400;

    private static readonly string[] Extensions = [".js", ".css", ".html"];

    /// <summary>The files the developers write: not the copies the build adds (vendor/) nor the widget's bundle.</summary>
    private static IEnumerable<string> Written(string folder) =>
        Directory.GetFiles(RepositoryRoot.Combine(folder), "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Select(f => folder + "/" + Path.GetRelativePath(RepositoryRoot.Combine(folder), f).Replace('\\', '/'))
            .Where(f => !f.Contains("/vendor/", StringComparison.Ordinal) && f != "widget/lucine-widget.js");

    [Theory]
    [InlineData("widget")]
    [InlineData("dashboard")]
    public void No_front_end_file_is_longer_than_400_lines(string folder)
    {
        var files = Written(folder).ToList();
        Assert.Contains(files, f => f.EndsWith(".html", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".js", StringComparison.Ordinal));

        var tooLong = files.Select(f => (File: f, Lines: File.ReadAllLines(RepositoryRoot.Combine(f)).Length)).Where(f => f.Lines > MaxLines).ToList();

        Assert.True(tooLong.Count == 0, "over " + MaxLines + " lines: " + string.Join(", ", tooLong.Select(f => $"{f.File} ({f.Lines})")));
    }

    [Fact]
    public void Every_view_markup_of_the_dashboard_is_placed_by_index_html_and_every_place_names_a_file()
    {
        var index = File.ReadAllText(RepositoryRoot.Combine("dashboard", "index.html"));
        var placed = MarkupAttribute().Matches(index).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var fragments = Written("dashboard").Where(f => f.StartsWith("dashboard/views/", StringComparison.Ordinal) && f.EndsWith(".html", StringComparison.Ordinal))
            .Select(f => f["dashboard/".Length..]).ToList();

        Assert.NotEmpty(fragments);
        Assert.Equal(placed.Distinct().Count(), placed.Count);
        Assert.Equal(fragments.Order(StringComparer.Ordinal), placed.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("data-markup=\"([^\"]*)\"")]
    private static partial Regex MarkupAttribute();
}
