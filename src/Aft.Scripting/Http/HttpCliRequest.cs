using System.Net.Http.Headers;

namespace Aft.Scripting.Http;

/// <summary>The request an HttpCli builder collects, and how it is sent.</summary>
public sealed class HttpCliRequest(TimeSpan timeout)
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string Value)> _query = [];

    public string? Url { get; set; }

    public TimeSpan Timeout { get; set; } = timeout;

    /// <summary>The body from <c>ReqBody</c>, used when a verb gets none.</summary>
    public HttpCliBody? Body { get; set; }

    /// <summary>Sets a header; a second call with the same name replaces the value.</summary>
    public void SetHeader(string name, string value) => _headers[name] = value;

    public void AddQuery(string name, string value) => _query.Add((name, value));

    public async Task<HttpCliResult> SendAsync(HttpClient client, string method, HttpCliBody? body, int maxResponseBytes, CancellationToken stop)
    {
        // The URL often carries a secret (an API base from GetSecret), so no message repeats it.
        if (!Uri.TryCreate(WithQuery(Url ?? string.Empty), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return HttpCliResult.Invalid("the URL is not an absolute http or https URL");
        }

        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), uri);
        var content = body ?? Body;
        if (content is not null)
        {
            request.Content = new ByteArrayContent(content.Data);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(content.ContentType);
        }

        foreach (var (name, value) in _headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                // Content headers (Content-Type...) live on the content, even when there is no body.
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            await response.Content.LoadIntoBufferAsync(maxResponseBytes, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => string.Join(", ", group.SelectMany(header => header.Value)), StringComparer.OrdinalIgnoreCase);
            var code = (int)response.StatusCode;
            var error = code is >= 200 and < 300 ? string.Empty : $"HTTP {code} {response.ReasonPhrase}".TrimEnd();
            return new HttpCliResult(true, code, text, headers, error);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return HttpCliResult.Invalid($"the request timed out after {Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return HttpCliResult.Invalid(ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message);
        }
    }

    private string WithQuery(string url)
    {
        if (_query.Count == 0)
        {
            return url;
        }

        var query = string.Join('&', _query.Select(pair => Uri.EscapeDataString(pair.Name) + "=" + Uri.EscapeDataString(pair.Value)));
        return url + (url.Contains('?') ? "&" : "?") + query;
    }
}
