using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The Azurite development account, used only in Development when nothing else is configured.</summary>
    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>Table Storage connection string; falls back to the Functions host's AzureWebJobsStorage.</summary>
    [Required(ErrorMessage = "Storage:ConnectionString (or AzureWebJobsStorage) is required outside Development.")]
    public string? ConnectionString { get; set; }

    /// <summary>Prepended to every table name, so that several environments can share one account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,29})?$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter, at most 30.")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>How long start-up keeps trying to reach storage before giving up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most one storage operation may take, retries included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
