namespace Lucine.Domain.Sessions;

/// <summary>
/// Where the visitor is and with what, as their widget reported it: shown to operators, never a
/// reason for a decision. <paramref name="Visitor"/> is the host's keyed hash of the widget's own
/// random id (the same browser, on this site only), never the id itself.
/// </summary>
public sealed record VisitorContext(VisitorPage? Page, string? Referrer, VisitorDevice? Device, string? Language, string? Visitor);

/// <summary>The page the visitor has open.</summary>
public sealed record VisitorPage(string Url, string? Title);

/// <summary>The kind of device, coarse on purpose: enough to write short answers to a phone.</summary>
public enum VisitorDevice
{
    Mobile,
    Desktop,
}
