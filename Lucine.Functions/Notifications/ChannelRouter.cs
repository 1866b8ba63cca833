using Microsoft.Extensions.Options;

namespace Lucine.Functions.Notifications;

/// <summary>
/// Which sender each channel uses: the provider when its credentials and sender are configured, the
/// local sink otherwise. Decided once from configuration, and said once at startup.
/// </summary>
public sealed partial class ChannelRouter(
    TwilioSender twilio,
    SendGridSender sendGrid,
    LocalSink sink,
    IOptions<TwilioOptions> twilioOptions,
    IOptions<SendGridOptions> sendGridOptions,
    ILogger<ChannelRouter> logger,
    LogLevel sinkLogLevel) : IHostedService
{
    public IChannelSender For(ContactChannel channel) => channel switch
    {
        ContactChannel.Email when sendGridOptions.Value.SendsEmail => sendGrid,
        ContactChannel.WhatsApp or ContactChannel.Sms when twilioOptions.Value.Sends(channel) => twilio,
        _ => sink,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var toSink = Enum.GetValues<ContactChannel>().Where(channel => For(channel) is LocalSink).ToList();
        if (toSink.Count > 0)
        {
            LogSink(logger, sinkLogLevel, string.Join(", ", toSink));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Message = "Notifications on {Channels} go to the local sink (GET /api/operator/sink), not to customers: set Twilio:AccountSid, Twilio:AuthToken and Twilio:WhatsAppFrom / Twilio:SmsFrom, or SendGrid:ApiKey and SendGrid:FromEmail.")]
    private static partial void LogSink(ILogger logger, LogLevel level, string channels);
}
