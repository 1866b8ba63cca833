using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lucine.Functions.Tests.Infrastructure;

/// <summary>
/// Azure SignalR Service in serverless mode, as its documentation describes it, on a local Kestrel: the
/// client endpoint (<c>/client/?hub=…</c>, a real ASP.NET Core SignalR hub the browsers' JS client
/// connects to), the REST API version 1.0 (send to a user, to a group, group membership of users) and
/// the upstream calls for connection events, signed like the service signs them. Every token, the
/// clients' and each REST call's, is checked: HS256 with the access key, the audience the URL it is
/// presented to, not expired. What was refused is kept for the tests to see.
/// </summary>
public sealed class SignalRServiceStandIn : IAsyncDisposable
{
    public const string AccessKey = "stand-in-access-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private readonly WebApplication app;
    private readonly State state;

    private SignalRServiceStandIn(WebApplication app, State state)
    {
        this.app = app;
        this.state = state;
    }

    public Uri BaseAddress => new(app.Urls.First());

    /// <summary>What Lucine's SignalR:ConnectionString is set to.</summary>
    public string ConnectionString => $"Endpoint={BaseAddress.GetLeftPart(UriPartial.Authority)};AccessKey={AccessKey};Version=1.0;";

    /// <summary>Where connection events go: Lucine's origin, known once Lucine has started.</summary>
    public Uri? Upstream { get => state.Upstream; set => state.Upstream = value; }

    /// <summary>REST calls accepted, each with a valid token whose audience was that call's URL.</summary>
    public int RestCalls => state.RestCalls;

    /// <summary>The paths of the accepted REST calls, in order, as sent (escapes included).</summary>
    public IReadOnlyList<string> RestPaths => [.. state.RestPaths];

    /// <summary>Why tokens were refused, client or REST.</summary>
    public IReadOnlyCollection<string> Refusals => state.Refusals;

    /// <summary>Upstream calls made and how Lucine answered them.</summary>
    public IReadOnlyCollection<(string Event, string User, int Status)> UpstreamCalls => state.UpstreamCalls;

    public static async Task<SignalRServiceStandIn> StartAsync(string hub = "lucine")
    {
        var state = new State(hub);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(state);
        builder.Services.AddHttpClient();
        builder.Services.AddSignalR();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.SetIsOriginAllowed(_ => true).AllowCredentials().AllowAnyHeader().AllowAnyMethod()));
        builder.Services.AddAuthentication(ClientTokenHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, ClientTokenHandler>(ClientTokenHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<ServiceHub>("/client");
        var api = app.MapGroup("/api/v1/hubs/{hub}");
        api.MapPost("/users/{user}", (string hub, string user, HttpContext context, IHubContext<ServiceHub> clients) =>
            state.SendAsync(context, hub, invocation => clients.Clients.User(user).SendCoreAsync(invocation.Target, invocation.Arguments)));
        api.MapPost("/groups/{group}", (string hub, string group, HttpContext context, IHubContext<ServiceHub> clients) =>
            state.SendAsync(context, hub, invocation => clients.Clients.Group(group).SendCoreAsync(invocation.Target, invocation.Arguments)));
        api.MapPut("/groups/{group}/users/{user}", (string hub, string group, string user, HttpContext context, IHubContext<ServiceHub> clients) =>
            state.ManageAsync(context, hub, () => state.JoinAsync(user, group, clients.Groups)));
        api.MapDelete("/groups/{group}/users/{user}", (string hub, string group, string user, HttpContext context, IHubContext<ServiceHub> clients) =>
            state.ManageAsync(context, hub, () => state.LeaveAsync(user, group, clients.Groups)));
        api.MapDelete("/connections/{connectionId}", (string hub, string connectionId, HttpContext context) =>
            state.ManageAsync(context, hub, () => state.CloseAsync(connectionId)));
        await app.StartAsync();
        return new SignalRServiceStandIn(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>The service's signature over a connection id: <c>sha256=</c> and the HMAC in hex, with the access key.</summary>
    public static string Signature(string connectionId, string key = AccessKey) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(connectionId)));

    private sealed record Invocation(string Target, object?[] Arguments);

    private sealed class State(string hub)
    {
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> userGroups = new();
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> userConnections = new();
        private readonly ConcurrentDictionary<string, HubCallerContext> open = new();
        private int restCalls;

        public string Hub { get; } = hub;

        public Uri? Upstream { get; set; }

        public int RestCalls => Volatile.Read(ref restCalls);

        public ConcurrentQueue<string> RestPaths { get; } = new();

        public ConcurrentQueue<string> Refusals { get; } = new();

        public ConcurrentQueue<(string Event, string User, int Status)> UpstreamCalls { get; } = new();

        public SymmetricSecurityKey Key { get; } = new(Encoding.UTF8.GetBytes(AccessKey));

        /// <summary>The checks the service makes on every token: signature, audience, lifetime.</summary>
        public ClaimsPrincipal? Validate(string? token, string audience)
        {
            if (string.IsNullOrEmpty(token))
            {
                Refusals.Enqueue($"no token for {audience}");
                return null;
            }

            try
            {
                return new JwtSecurityTokenHandler().ValidateToken(token, new TokenValidationParameters
                {
                    ValidateIssuer = false,
                    ValidAudience = audience,
                    IssuerSigningKey = Key,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromMinutes(1),
                }, out _);
            }
            catch (SecurityTokenException e)
            {
                Refusals.Enqueue($"{e.GetType().Name} for {audience}");
                return null;
            }
        }

        public async Task<IResult> SendAsync(HttpContext context, string hubName, Func<Invocation, Task> send)
        {
            if (Refuse(context, hubName) is { } refused)
            {
                return refused;
            }

            var invocation = await context.Request.ReadFromJsonAsync<Invocation>(context.RequestAborted);
            if (invocation is null || string.IsNullOrEmpty(invocation.Target))
            {
                return Results.BadRequest("target is required");
            }

            await send(invocation with { Arguments = invocation.Arguments ?? [] });
            return Results.Accepted();
        }

        public async Task<IResult> ManageAsync(HttpContext context, string hubName, Func<Task> change)
        {
            if (Refuse(context, hubName) is { } refused)
            {
                return refused;
            }

            await change();
            return Results.Accepted();
        }

        public async Task JoinAsync(string user, string group, IGroupManager groups)
        {
            userGroups.GetOrAdd(user, _ => new())[group] = 0;
            foreach (var connection in Connections(user))
            {
                await groups.AddToGroupAsync(connection, group);
            }
        }

        public async Task LeaveAsync(string user, string group, IGroupManager groups)
        {
            userGroups.GetOrAdd(user, _ => new()).TryRemove(group, out _);
            foreach (var connection in Connections(user))
            {
                await groups.RemoveFromGroupAsync(connection, group);
            }
        }

        /// <summary>As the service does, the close is reported upstream as the connection's end.</summary>
        public Task CloseAsync(string connectionId)
        {
            if (open.TryGetValue(connectionId, out var context))
            {
                context.Abort();
            }

            return Task.CompletedTask;
        }

        /// <summary>A new connection of a user joins the groups the user was added to, as the service does.</summary>
        public async Task ConnectedAsync(string user, HubCallerContext connection, IGroupManager groups)
        {
            var connectionId = connection.ConnectionId;
            open[connectionId] = connection;
            userConnections.GetOrAdd(user, _ => new())[connectionId] = 0;
            foreach (var group in userGroups.GetOrAdd(user, _ => new()).Keys)
            {
                await groups.AddToGroupAsync(connectionId, group);
            }
        }

        public void Disconnected(string user, string connectionId)
        {
            open.TryRemove(connectionId, out _);
            userConnections.GetOrAdd(user, _ => new()).TryRemove(connectionId, out _);
        }

        private IEnumerable<string> Connections(string user) => userConnections.GetOrAdd(user, _ => new()).Keys;

        /// <summary>The audience of a REST call is its URL as sent, escapes included, without the query.</summary>
        private IResult? Refuse(HttpContext context, string hubName)
        {
            var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var path = raw.Split('?')[0];
            var audience = $"{context.Request.Scheme}://{context.Request.Host}{path}";
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
            if (Validate(token, audience) is null)
            {
                return Results.Unauthorized();
            }

            if (!string.Equals(hubName, Hub, StringComparison.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }

            Interlocked.Increment(ref restCalls);
            RestPaths.Enqueue(path);
            return null;
        }

        public async Task UpstreamAsync(HttpClient http, string @event, string user, string connectionId, string? error)
        {
            if (Upstream is null)
            {
                return;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Upstream, $"/api/realtime/upstream/{Hub}/connections/{@event}"))
            {
                Content = new StringContent(@event == "connected" ? """{"type":10}""" : JsonSerializer.Serialize(new { type = 11, error }), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("X-ASRS-Connection-Id", connectionId);
            request.Headers.Add("X-ASRS-User-Id", user);
            request.Headers.Add("X-ASRS-Hub", Hub);
            request.Headers.Add("X-ASRS-Category", "connections");
            request.Headers.Add("X-ASRS-Event", @event);
            request.Headers.Add("X-ASRS-Signature", Signature(connectionId));
            try
            {
                using var response = await http.SendAsync(request);
                UpstreamCalls.Enqueue((@event, user, (int)response.StatusCode));
            }
            catch (HttpRequestException)
            {
                // Lucine has stopped (the service outlives its app servers): the event is lost, as with the real service.
                UpstreamCalls.Enqueue((@event, user, 0));
            }
        }
    }

    /// <summary>A client's token, from the negotiation's header or the WebSocket's query, for this very client URL.</summary>
    private sealed class ClientTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, State state)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "ServiceClient";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Path.StartsWithSegments("/client"))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            if (!string.Equals(Request.Query["hub"], state.Hub, StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(AuthenticateResult.Fail("unknown hub"));
            }

            var header = Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : Request.Query["access_token"].ToString();
            var audience = $"{Request.Scheme}://{Request.Host}/client/?hub={state.Hub}";
            return Task.FromResult(state.Validate(token, audience) is { } user
                ? AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName))
                : AuthenticateResult.Fail("invalid token"));
        }
    }

    /// <summary>Clients only listen (serverless mode); connections are reported upstream.</summary>
    [Authorize]
    private sealed class ServiceHub(State state, IHttpClientFactory http) : Hub
    {
        public override async Task OnConnectedAsync()
        {
            var user = Context.UserIdentifier ?? string.Empty;
            await state.ConnectedAsync(user, Context, Groups);
            await state.UpstreamAsync(http.CreateClient(), "connected", user, Context.ConnectionId, null);
        }

        public override async Task OnDisconnectedAsync(Exception? exception)
        {
            var user = Context.UserIdentifier ?? string.Empty;
            state.Disconnected(user, Context.ConnectionId);
            await state.UpstreamAsync(http.CreateClient(), "disconnected", user, Context.ConnectionId, exception?.Message);
        }
    }
}
