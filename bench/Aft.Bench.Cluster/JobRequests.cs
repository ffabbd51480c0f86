using System.Net;
using System.Text;

namespace Aft.Bench.Cluster;

public static class JobRequests
{
    /// <summary>
    /// Submits one job. Returns null when the system accepted it (202: stored, to run), or else why not: the status
    /// it answered ("HTTP 503"), "timeout" or "connection failed".
    /// </summary>
    public static async Task<string?> SubmitAsync(HttpClient client, string body, CancellationToken cancellation)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/v1/jobs", content, cancellation);
            await response.Content.ReadAsByteArrayAsync(cancellation);
            return response.StatusCode == HttpStatusCode.Accepted ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (HttpRequestException)
        {
            return "connection failed";
        }
    }
}
