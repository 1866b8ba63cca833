using System.Text.Json;
using Lucine.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lucine.Functions.Functions;

/// <summary>
/// Reads a JSON request body with errors a client can act on: 415 for another content type, 413
/// past the size limit, 400 with the position of a syntax error.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.BodyTooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Problems.BodyTooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, Problems.InvalidJson("The request body is empty; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Wire.Json);
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
}
