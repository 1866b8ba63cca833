using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Lucine.Domain.Reports;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Reports;

/// <summary>
/// How a day's aggregates are stored in the <c>Reports</c> table: one partition per park-local day
/// (<c>overview-yyyyMMdd</c>) holding the day's counters (<c>figures</c>), its per-operator counters
/// (<c>operators</c>), and one marker row per event counted (<see cref="Storage.EventMarkers"/>), so that
/// the marker and the counters it changed are written in one transaction.
/// </summary>
public static class ReportRows
{
    public const string FiguresRow = "figures";
    public const string OperatorsRow = "operators";
    private const string Data = "Data";

    private static readonly JsonSerializerOptions Json = Wire.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new HistogramConverter() } });

    public static string Partition(DateOnly day) => "overview-" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DayFigures Figures(TableEntity? row) =>
        row?.GetString(Data) is { } json ? JsonSerializer.Deserialize<DayFigures>(json, Json) ?? new DayFigures() : new DayFigures();

    public static Dictionary<string, OperatorFigures> Operators(TableEntity? row) =>
        row?.GetString(Data) is { } json ? JsonSerializer.Deserialize<Dictionary<string, OperatorFigures>>(json, Json) ?? [] : [];

    public static TableEntity Row(string partition, string row, object value) => new(partition, row) { [Data] = JsonSerializer.Serialize(value, Json) };

    /// <summary>A histogram is stored as its bucket counts.</summary>
    private sealed class HistogramConverter : JsonConverter<Histogram>
    {
        public override Histogram Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Histogram.Of(JsonSerializer.Deserialize<long[]>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, Histogram value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Counts, options);
    }
}
