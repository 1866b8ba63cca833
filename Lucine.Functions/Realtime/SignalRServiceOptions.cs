using System.ComponentModel.DataAnnotations;
using System.Data.Common;

namespace Lucine.Functions.Realtime;

/// <summary>
/// Azure SignalR Service in serverless mode. Unset, the app's own hub at /api/hub carries realtime
/// (standalone). Set, clients are sent to the service by /api/hub/negotiate and every push goes
/// through the service's REST API, because behind the Functions host no WebSocket reaches the app.
/// </summary>
public sealed class SignalRServiceOptions : IValidatableObject
{
    public const string Section = "SignalR";

    /// <summary><c>Endpoint=https://NAME.service.signalr.net;AccessKey=…;Version=1.0;</c></summary>
    public string? ConnectionString { get; set; }

    /// <summary>The service hub Lucine's clients join; one name per app sharing a service.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,127}$", ErrorMessage = "SignalR:Hub must be letters, digits and underscores, starting with a letter.")]
    public string Hub { get; set; } = "lucine";

    /// <summary>How long a client's service token is valid; the client asks for a new one on every (re)connection.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "SignalR:ClientTokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most one REST call to the service may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "SignalR:RequestTimeout must be between 1 and 60 seconds.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    public SignalRServiceEndpoint Endpoint() => SignalRServiceEndpoint.Parse(ConnectionString!);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        string? error = null;
        try
        {
            SignalRServiceEndpoint.Parse(ConnectionString!);
        }
        catch (FormatException e)
        {
            error = e.Message;
        }

        if (error is not null)
        {
            yield return new ValidationResult(error, [nameof(ConnectionString)]);
        }
    }
}

/// <summary>The service's address and the key Lucine signs its tokens with.</summary>
public sealed record SignalRServiceEndpoint(Uri Endpoint, string AccessKey)
{
    /// <summary>Reads a service connection string; the messages never repeat the key.</summary>
    public static SignalRServiceEndpoint Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new FormatException("SignalR:ConnectionString is not a connection string (Endpoint=https://…;AccessKey=…;Version=1.0;).");
        }

        if (!parts.TryGetValue("Endpoint", out var endpointValue) || !Uri.TryCreate(endpointValue as string, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new FormatException("SignalR:ConnectionString needs an Endpoint=https://NAME.service.signalr.net.");
        }

        // A token signed with the key travels to the service with every call: in clear only to this machine.
        if (endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback)
        {
            throw new FormatException("SignalR:ConnectionString's Endpoint must be https.");
        }

        if (!parts.TryGetValue("AccessKey", out var key) || string.IsNullOrWhiteSpace(key as string))
        {
            throw new FormatException("SignalR:ConnectionString needs an AccessKey (identity-based access is not supported: clients' tokens are signed with the key).");
        }

        // HS256 keys shorter than 256 bits are refused by the token library: say so at start, not at the first push.
        if (((string)key!).Length < 32)
        {
            throw new FormatException("SignalR:ConnectionString's AccessKey is shorter than 32 characters; copy it whole from the service's Keys page.");
        }

        if (parts.TryGetValue("Version", out var version) && version as string != "1.0")
        {
            throw new FormatException($"SignalR:ConnectionString has Version={version}; Lucine speaks version 1.0.");
        }

        return new SignalRServiceEndpoint(new Uri(endpoint.GetLeftPart(UriPartial.Authority)), (string)key!);
    }

    /// <summary>Where clients connect: the JS client negotiates with the service at this URL.</summary>
    public string ClientUrl(string hub) => $"{Endpoint.AbsoluteUri}client/?hub={Uri.EscapeDataString(hub.ToLowerInvariant())}";

    /// <summary>The REST API of one hub (version 1.0).</summary>
    public string HubUrl(string hub) => $"{Endpoint.AbsoluteUri}api/v1/hubs/{Uri.EscapeDataString(hub.ToLowerInvariant())}";
}
