namespace Lucine.Functions.Hosting;

/// <summary>
/// One error on an editor's field, in a problem's <c>fieldErrors</c>: a stable <paramref name="Code"/>
/// (<c>answer-empty</c>) with the values its sentence names (<paramref name="Args"/>), which a client
/// says in its user's language, and the English <paramref name="Message"/> for everyone else.
/// </summary>
public sealed record FieldError(string Code, string Message, IReadOnlyDictionary<string, string> Args);
