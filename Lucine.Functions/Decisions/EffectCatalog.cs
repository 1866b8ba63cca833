using System.Text.Json;
using Lucine.Functions.Hosting;

namespace Lucine.Functions.Decisions;

/// <summary>How an effect is written in an outbox row: the kind its handler was registered under, and a JSON payload.</summary>
public sealed class EffectCatalog(IEnumerable<EffectRoute> routes)
{
    private readonly IReadOnlyDictionary<Type, string> kinds = routes.ToDictionary(r => r.EffectType, r => r.Kind);
    private readonly IReadOnlyDictionary<string, Type> types = routes.ToDictionary(r => r.Kind, r => r.EffectType, StringComparer.Ordinal);

    public string Kind(Effect effect) =>
        kinds.TryGetValue(effect.GetType(), out var kind) ? kind : throw new InvalidOperationException($"No handler is registered for {effect.GetType().Name}.");

    public string Serialize(Effect effect) => JsonSerializer.Serialize(effect, effect.GetType(), Wire.Json);

    public Effect Deserialize(string kind, string payload) =>
        types.TryGetValue(kind, out var type)
            ? (Effect?)JsonSerializer.Deserialize(payload, type, Wire.Json) ?? throw new InvalidDataException($"Empty {kind} payload in an outbox.")
            : throw new InvalidDataException($"Unknown outbox kind \"{kind}\".");
}
