using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Lucine.Functions.Chat;
using Lucine.Functions.Tests.Ai;
using Lucine.Functions.Tests.Api;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Lucine.Functions.Tests.Telemetry;

/// <summary>
/// What Lucine sends Application Insights through the Azure Monitor distro when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set, checked on a local stand-in of the ingestion endpoint
/// against its contract: POST {IngestionEndpoint}/v2.1/track, newline-delimited JSON envelopes carrying
/// the resource's instrumentation key. The exporters' own intervals are not waited for: the test
/// flushes the providers.
/// </summary>
[Collection(StorageCollection.Name)]
[Trait("Category", Layer.Integration)]
public sealed class AzureMonitorContractTests(AzuriteFixture azurite)
{
    private const string InstrumentationKey = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public async Task A_chat_reaches_the_ingestion_endpoint_as_a_request_with_its_storage_and_model_calls_lucines_span_and_metrics()
    {
        await using var ingestion = await IngestionStandIn.StartAsync();
        await using var model = await FakeModelService.StartAsync();
        using var offline = new NothingLeavesThisMachine();
        await using var host = await LucineHost.StartAsync(azurite.ConnectionString, s =>
        {
            s["Ai:ApiKey"] = ModelHost.ApiKey;
            s["Ai:Endpoint"] = new Uri(model.BaseAddress, "/v1").ToString();
            s["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey={InstrumentationKey};IngestionEndpoint={ingestion.BaseAddress};LiveEndpoint={ingestion.BaseAddress}";
            s["AzureMonitor:EnableLiveMetrics"] = "false";
            s["AzureMonitor:DisableOfflineStorage"] = "true";

            // Every trace, so that the one this test makes is exported (the default keeps 5 a second).
            s["AzureMonitor:SamplingRatio"] = "1";
        });
        using var request = new RequestEnd("/api/chat");

        await new Visitor(host.Http).SayAsync("Quanto costa il biglietto?");
        await request.Ended;
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());
        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush());

        var posts = ingestion.Posts;
        Assert.NotEmpty(posts);
        Assert.All(posts, post => Assert.Equal(("POST", "/v2.1/track"), (post.Method, post.Path)));
        var envelopes = posts.SelectMany(post => post.Envelopes).ToList();
        Assert.All(envelopes, envelope => Assert.Equal(InstrumentationKey, Text(envelope["iKey"])));

        // The exporter names envelopes by their type alone: "Metric", "Request", "RemoteDependency".
        var messages = Assert.Single(envelopes, e => Text(e["name"]) == "Metric" && Text(e["data"]!["baseData"]!["metrics"]![0]!["name"]) == ChatMetrics.MessagesInstrument
            && Text(e["data"]!["baseData"]!["properties"]?["sender"]) == "visitor");
        Assert.Equal("MetricData", Text(messages["data"]!["baseType"]));
        Assert.Equal(1, messages["data"]!["baseData"]!["metrics"]![0]!["value"]!.GetValue<double>());

        // The OpenAI SDK's own meters (experimental, switched on with Azure Monitor).
        Assert.Contains(envelopes, e => Text(e["name"]) == "Metric" && Text(e["data"]!["baseData"]!["metrics"]![0]!["name"]) == "gen_ai.client.token.usage");

        // The request, Lucine's span of the decision it ran, its Table Storage calls and the model's, in one operation.
        var chat = Assert.Single(envelopes, e => Text(e["name"]) == "Request" && Text(e["data"]!["baseData"]!["name"]) == "POST /api/chat/");
        Assert.Equal(("RequestData", "200"), (Text(chat["data"]!["baseType"]), Text(chat["data"]!["baseData"]!["responseCode"])));
        var operation = Text(chat["tags"]!["ai.operation.id"]);
        var inOperation = envelopes.Where(e => Text(e["name"]) == "RemoteDependency" && Text(e["tags"]!["ai.operation.id"]) == operation).Select(e => e["data"]!["baseData"]!).ToList();
        Assert.Contains(inOperation, d => (Text(d["name"]), Text(d["type"])) == ("session VisitorWrote", "InProc"));
        Assert.Contains(inOperation, d => Text(d["type"]) == "Http" && Text(d["target"]) == $"127.0.0.1:{azurite.Server.Port}");
        Assert.Contains(inOperation, d => Text(d["name"]) == "chat gpt-4o-mini" && Text(d["target"]) == model.BaseAddress.Authority);
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>A POST as the ingestion endpoint received it.</summary>
    private sealed record IngestionPost(string Method, string Path, IReadOnlyList<JsonObject> Envelopes);

    /// <summary>Application Insights' ingestion endpoint: accepts every envelope as documented (200, itemsAccepted) and keeps them.</summary>
    private sealed class IngestionStandIn : IAsyncDisposable
    {
        private readonly ConcurrentQueue<IngestionPost> posts = new();
        private StandInServer server = null!;

        public Uri BaseAddress => server.BaseAddress;

        public IReadOnlyList<IngestionPost> Posts => [.. posts];

        public static async Task<IngestionStandIn> StartAsync()
        {
            var ingestion = new IngestionStandIn();
            ingestion.server = await StandInServer.StartAsync(ingestion.AnswerAsync);
            return ingestion;
        }

        public ValueTask DisposeAsync() => server.DisposeAsync();

        private async Task AnswerAsync(HttpContext context)
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var envelopes = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
            posts.Enqueue(new IngestionPost(context.Request.Method, context.Request.Path.Value!, envelopes));
            await context.Response.WriteAsJsonAsync(new { itemsReceived = envelopes.Count, itemsAccepted = envelopes.Count, errors = Array.Empty<object>() });
        }
    }

    /// <summary>Completes when the server's span of a request to <c>path</c> has ended (and so reached the exporter's queue).</summary>
    private sealed class RequestEnd : IDisposable
    {
        private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ActivityListener listener;

        public RequestEnd(string path)
        {
            // Added after the app's tracer provider, so told of a span's end after the exporter's processor.
            listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("url.path") as string == path)
                    {
                        ended.TrySetResult();
                    }
                },
            };
            ActivitySource.AddActivityListener(listener);
        }

        public Task Ended => ended.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public void Dispose() => listener.Dispose();
    }

    /// <summary>
    /// The exporter's own statistics (to Microsoft's endpoints) are switched off as documented, and the
    /// distro's question to the Azure VM metadata service (169.254.169.254, which does not exist here) is
    /// answered "not a VM" in process: no test sends anything off this machine.
    /// </summary>
    private sealed class NothingLeavesThisMachine : IDisposable
    {
        private static readonly string[] Switches = ["APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "APPLICATIONINSIGHTS_SDKSTATS_DISABLED"];

        public NothingLeavesThisMachine()
        {
            foreach (var name in Switches)
            {
                Environment.SetEnvironmentVariable(name, "true");
            }

            var requestor = typeof(Azure.Monitor.OpenTelemetry.AspNetCore.AzureMonitorOptions).Assembly.GetType("OpenTelemetry.Resources.Azure.AzureVmMetaDataRequestor", throwOnError: true)!;
            var metadata = requestor.GetProperty("GetAzureVmMetaDataResponse")!;
            var notAVm = Expression.Lambda(metadata.PropertyType, Expression.Constant(null, metadata.PropertyType.GetGenericArguments()[0])).Compile();
            metadata.SetValue(null, notAVm);
        }

        public void Dispose()
        {
            foreach (var name in Switches)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
