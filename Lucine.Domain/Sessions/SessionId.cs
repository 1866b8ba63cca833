namespace Lucine.Domain.Sessions;

/// <summary>
/// The handle of one conversation: 22 URL-safe characters (128 bits), safe as a Table Storage
/// PartitionKey and in URLs. Whoever creates one must make those bits unpredictable.
/// </summary>
public readonly record struct SessionId
{
    public const int Length = 22;

    private SessionId(string value) => Value = value;

    public string Value { get; }

    public static SessionId FromBytes(ReadOnlySpan<byte> sixteenBytes)
    {
        if (sixteenBytes.Length != 16)
        {
            throw new ArgumentException("A session id is made of 16 unpredictable bytes.", nameof(sixteenBytes));
        }

        return new SessionId(System.Buffers.Text.Base64Url.EncodeToString(sixteenBytes));
    }

    public static bool TryParse(string? value, out SessionId id)
    {
        id = default;
        if (value is not { Length: Length } || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        id = new SessionId(value);
        return true;
    }

    /// <summary>An id known to be valid (one Lucine stored or issued); anything else is a bug.</summary>
    public static SessionId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"\"{value}\" is not a session id.");

    public override string ToString() => Value;
}
