using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aft.Testing;

/// <summary>
/// A webhook receiver on a loopback port: it records every POST (any path) and answers 200, or the status a test set
/// for that path. It checks signatures itself, as a receiver following Standard Webhooks would, without AFT's code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hanging = new(StringComparer.Ordinal);
    private LoopbackWebServer? _server;

    private WebhookReceiver()
    {
    }

    /// <summary>Like "http://127.0.0.1:41234", without a trailing slash.</summary>
    public string BaseUrl => _server!.BaseUrl;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LoopbackWebServer.StartAsync(app => app.MapPost("/{**path}", receiver.ReceiveAsync));
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> requests to <paramref name="path"/> are answered 500 (and recorded).</summary>
    public void FailNext(string path, int count) => _failuresLeft[path] = count;

    /// <summary>Requests to <paramref name="path"/> are recorded and never answered (until the sender gives up).</summary>
    public void Hang(string path) => _hanging[path] = true;

    /// <summary>Waits until <paramref name="count"/> requests match <paramref name="match"/>; returns them.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = _received.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{found.Count} of {count} webhook requests arrived; all received: {string.Join(", ", _received.Select(r => r.Type))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Whether the request carries a valid <c>v1</c> signature by <paramref name="secret"/> (<c>whsec_</c> and Base64).</summary>
    public static bool IsSignedWith(ReceivedWebhook received, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body}")));
        return received.Signature.Split(' ').Any(signature => signature == "v1," + expected);
    }

    private async Task<IResult> ReceiveAsync(string path, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        _received.Enqueue(new ReceivedWebhook(path, request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
            request.Headers["webhook-signature"].ToString(), request.ContentType, body));
        if (_hanging.ContainsKey(path))
        {
            await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var failing = false;
        _failuresLeft.AddOrUpdate(path, 0, (_, left) =>
        {
            failing = left > 0;
            return Math.Max(0, left - 1);
        });
        return failing ? Results.StatusCode(StatusCodes.Status500InternalServerError) : Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>One request as the receiver got it.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string? ContentType, string Body)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public string JobId => Json.GetProperty("data").GetProperty("jobId").GetString()!;
}
