using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Hosting;

/// <summary>
/// Reads a JSON request body with errors a client can act on: 415 for another content type, 413
/// past the size limit, 400 with the position of a syntax error.
/// </summary>
public static class JsonBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        // The reader checks the UTF-8 only of the strings it keeps: a body is refused whole, not in parts.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return (null, Problems.InvalidJson("The body is not valid UTF-8."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Span, Wire.Json);
            return value is null
                ? (null, Problems.InvalidJson("Send a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1}{(string.IsNullOrEmpty(e.Path) ? "" : $", at {e.Path}")})" : "";
            return (null, Problems.InvalidJson($"The body could not be read as the expected JSON object{where}."));
        }
    }

    /// <summary>The body as text, for a JSON document read by its own rules (the knowledge base).</summary>
    public static async Task<(string? Text, ProblemHttpResult? Problem)> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (StrictUtf8.GetString(body.Span), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.InvalidJson("The body is not UTF-8 text."));
        }
    }

    private static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (default, Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > maxBytes)
        {
            return (default, Problems.BodyTooLarge(maxBytes));
        }

        // Not disposed: its array is the result (a MemoryStream holds nothing else to release).
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (default, Problems.BodyTooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? (default, Problems.InvalidJson("The request body is empty; send a JSON object."))
            : (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }
}

/// <summary>A list answer: <c>{"items": [...]}</c>, so that fields can be added beside the items later.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
