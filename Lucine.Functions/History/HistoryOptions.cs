using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.History;

public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>Conversations in one page of the history.</summary>
    [Range(1, 200)]
    public int PageSize { get; set; } = 25;

    /// <summary>
    /// Index rows one history request may read: a search that matches little stops there and returns a
    /// cursor, so that no request costs more than this, whatever the range.
    /// </summary>
    [Range(1, 5000)]
    public int MaxRowsPerRequest { get; set; } = 500;
}
