using System.ComponentModel.DataAnnotations;

namespace Lucine.Functions.Storage;

/// <summary>
/// Where Table Storage is and how long to wait for it. Locally a connection string (Azurite); on Azure
/// the table endpoint alone, reached with the app's managed identity, so that no account key exists in
/// the app's settings.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>The Azurite development account, used only in Development when nothing else is configured.</summary>
    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    /// <summary>Table Storage connection string; falls back to the Functions host's AzureWebJobsStorage.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The table service endpoint (https://ACCOUNT.table.core.windows.net), used with the app's identity
    /// (<see cref="Azure.Identity.DefaultAzureCredential"/>: the managed identity on Azure) when no connection string is set.
    /// </summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>
    /// The blob service endpoint (https://ACCOUNT.blob.core.windows.net) for the attachments, used with the
    /// app's identity like <see cref="TableEndpoint"/> when no connection string is set.
    /// </summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>Prepended to every table name, so that several environments can share one account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,29})?$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter, at most 30.")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>How long start-up keeps trying to reach storage before giving up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most one storage operation may take, its retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && TableEndpoint is null)
        {
            yield return new ValidationResult(
                "Storage:ConnectionString (or AzureWebJobsStorage) is required outside Development, unless Storage:TableEndpoint is set to reach storage with the app's identity.",
                [nameof(ConnectionString), nameof(TableEndpoint)]);
        }

        if (string.IsNullOrWhiteSpace(ConnectionString) && TableEndpoint is { } endpoint && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("Storage:TableEndpoint must be https: an identity's token is never sent in clear.", [nameof(TableEndpoint)]);
        }

        if (string.IsNullOrWhiteSpace(ConnectionString) && TableEndpoint is not null && BlobEndpoint is null)
        {
            yield return new ValidationResult("Storage:BlobEndpoint is required with Storage:TableEndpoint: the attachments are blobs of the same account.", [nameof(BlobEndpoint)]);
        }

        if (string.IsNullOrWhiteSpace(ConnectionString) && BlobEndpoint is { } blobs && blobs.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("Storage:BlobEndpoint must be https: an identity's token is never sent in clear.", [nameof(BlobEndpoint)]);
        }
    }
}
