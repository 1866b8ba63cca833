using System.Security.Cryptography;
using System.Text;

namespace Lucine.Functions.Storage;

/// <summary>
/// A Table Storage key for any text (a notification key, a ticket id, an address): SHA-256 hex, so of
/// fixed length and free of the characters keys forbid. The rows keep the text itself.
/// </summary>
internal static class TableKey
{
    public static string For(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
