using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Aft.Api.Admin;
using Aft.Api.Jobs;
using Aft.Api.Schedules;
using Aft.Api.Scripts;
using Aft.Api.Vfs;
using Aft.Cli.Admin;
using Aft.Grains.Jobs;
using Aft.Grains.Security;
using Aft.Grains.Settings;
using Aft.Scripting.Vfs;

namespace Aft.Cli.Client;

/// <summary>
/// The typed client of the AFT REST API that every remote command uses. It also speaks the local channel of
/// <c>aft run</c> (<c>/local/v1</c> over <c>DATA_DIR/aft.sock</c>), whose job routes have the same shapes.
/// Every failure becomes a one-line <see cref="CliException"/> that says what to fix.
/// </summary>
public sealed class AftApiClient : IAdminBackend
{
    private const string ApiKeyHeader = "X-API-Key";
    private static readonly TimeSpan StatusWaitSlice = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly string _prefix;
    private readonly string _where;
    private readonly TlsTrust? _trust;

    private AftApiClient(HttpClient http, string prefix, string where, TlsTrust? trust)
    {
        _http = http;
        _prefix = prefix;
        _where = where;
        _trust = trust;
    }

    /// <summary>A client of the REST API at <see cref="ServiceTarget.Address"/>, sending the target's API key.</summary>
    public static AftApiClient Connect(ServiceTarget target)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => target.Trust.Validate(certificate, errors);
        var http = new HttpClient(handler) { BaseAddress = target.Address, Timeout = Timeout.InfiniteTimeSpan };
        if (target.ApiKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        }

        return new AftApiClient(http, "v1", target.Address.GetLeftPart(UriPartial.Authority), target.Trust);
    }

    /// <summary>A client of the local channel of a service running on this machine's data dir.</summary>
    public static AftApiClient ForLocalSocket(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = Timeout.InfiniteTimeSpan };
        return new AftApiClient(http, "local/v1", socketPath, trust: null);
    }

    // Jobs

    public Task<JobResponse> SubmitJobAsync(string? scriptId, string? scriptName, string paramsJson) =>
        SendAsync<JobResponse>(HttpMethod.Post, $"{_prefix}/jobs", new { scriptId, scriptName, @params = JsonDocument.Parse(paramsJson).RootElement });

    /// <summary>Local channel only: runs <paramref name="code"/> as a job of the service.</summary>
    public Task<JobResponse> RunCodeAsync(string code, string filePath, string paramsJson) =>
        SendAsync<JobResponse>(HttpMethod.Post, $"{_prefix}/run", new { code, filePath, @params = JsonDocument.Parse(paramsJson).RootElement });

    public Task<JobResponse> GetJobAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<JobResponse>(HttpMethod.Get, $"{_prefix}/jobs/{Escape(id)}", cancellationToken: cancellationToken);

    /// <summary>Long-polls the job until it has ended.</summary>
    public async Task<JobResponse> WaitForJobAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await SendAsync<JobResponse>(HttpMethod.Get, $"{_prefix}/jobs/{Escape(id)}?wait={StatusWaitSlice.TotalSeconds}s", cancellationToken: cancellationToken);
            if (IsTerminal(job.Status))
            {
                return job;
            }
        }
    }

    public Task<JobListResponse> ListJobsAsync(string? status, int? limit)
    {
        var query = new List<string>();
        if (status is not null)
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        if (limit is not null)
        {
            query.Add($"limit={limit}");
        }

        return SendAsync<JobListResponse>(HttpMethod.Get, $"{_prefix}/jobs" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty));
    }

    public Task<JobResponse> CancelJobAsync(string id) => SendAsync<JobResponse>(HttpMethod.Post, $"{_prefix}/jobs/{Escape(id)}/cancel");

    public Task<JobLogResponse> GetLogAsync(string id, long after) =>
        SendAsync<JobLogResponse>(HttpMethod.Get, $"{_prefix}/jobs/{Escape(id)}/log?after={after}");

    /// <summary>
    /// Streams the job's log (server-sent events) to <paramref name="onLine"/> as it is written, and returns the
    /// job once it has ended. A stream that breaks is picked up again after the last line seen.
    /// </summary>
    public async Task<JobResponse> FollowLogAsync(string id, Action<JobLogLineResponse> onLine, CancellationToken cancellationToken)
    {
        long cursor = 0;
        for (var breaks = 0; ; breaks++)
        {
            try
            {
                var (end, lastLine) = await ReadEventStreamAsync(id, cursor, onLine, cancellationToken);
                if (end is not null)
                {
                    return end;
                }

                cursor = lastLine;
            }
            catch (IOException) when (breaks < 5 && !cancellationToken.IsCancellationRequested)
            {
                // The connection dropped mid-stream; go on from the last line seen.
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private async Task<(JobResponse? End, long Cursor)> ReadEventStreamAsync(string id, long cursor, Action<JobLogLineResponse> onLine, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_prefix}/jobs/{Escape(id)}/log?after={cursor}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        string? eventName = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    eventName = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line["data:".Length..].TrimStart());
                }

                continue;
            }

            if (eventName == "log" && JsonSerializer.Deserialize<JobLogLineResponse>(data.ToString(), Json) is { } logLine)
            {
                onLine(logLine);
                cursor = logLine.Id;
            }
            else if (eventName == "end")
            {
                return (JsonSerializer.Deserialize<JobResponse>(data.ToString(), Json) ?? throw new CliException($"job '{id}' no longer exists"), cursor);
            }

            eventName = null;
            data.Clear();
        }

        return (null, cursor);
    }

    // Administration

    public async Task<IReadOnlyList<ScriptResponse>> ListScriptsAsync() => await SendAsync<List<ScriptResponse>>(HttpMethod.Get, $"{_prefix}/scripts");

    public Task<ScriptResponse> AddScriptAsync(string name, string code, string? description) =>
        SendAsync<ScriptResponse>(HttpMethod.Post, $"{_prefix}/scripts", new { name, code, description });

    public Task<ScriptResponse> UpdateScriptAsync(string id, string? name, string? code, string? description) =>
        SendAsync<ScriptResponse>(HttpMethod.Put, $"{_prefix}/scripts/{Escape(id)}", new { name, code, description });

    public Task RemoveScriptAsync(string id) => SendAsync(HttpMethod.Delete, $"{_prefix}/scripts/{Escape(id)}");

    public Task SetSecretAsync(string name, string value) => SendAsync(HttpMethod.Put, $"{_prefix}/secrets/{Escape(name)}", new { value });

    public async Task<IReadOnlyList<SecretResponse>> ListSecretsAsync() => await SendAsync<List<SecretResponse>>(HttpMethod.Get, $"{_prefix}/secrets");

    public Task RemoveSecretAsync(string name) => SendAsync(HttpMethod.Delete, $"{_prefix}/secrets/{Escape(name)}");

    public Task<CreatedApiKeyResponse> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<string>? allowedIps, ApiKeyLimits limits) =>
        SendAsync<CreatedApiKeyResponse>(HttpMethod.Post, $"{_prefix}/apikeys",
            new { name, scopes, allowedIps, limits.SubmitsPerSecond, limits.SubmitBurst, limits.ReadsPerSecond, limits.ReadBurst }, badRequestIsUsage: true);

    public Task<ApiKeyResponse> SetApiKeyLimitsAsync(string id, ApiKeyLimits limits) =>
        SendAsync<ApiKeyResponse>(HttpMethod.Patch, $"{_prefix}/apikeys/{Escape(id)}",
            new { limits.SubmitsPerSecond, limits.SubmitBurst, limits.ReadsPerSecond, limits.ReadBurst }, badRequestIsUsage: true);

    public async Task<IReadOnlyList<ApiKeyResponse>> ListApiKeysAsync() => await SendAsync<List<ApiKeyResponse>>(HttpMethod.Get, $"{_prefix}/apikeys");

    public Task RevokeApiKeyAsync(string id) => SendAsync(HttpMethod.Delete, $"{_prefix}/apikeys/{Escape(id)}");

    // A 400 from /v1/vfs is bad input (it names the field): exit 3, as the same check on the data dir gives.

    public Task<VfsResponse> AddVfsAsync(VfsDefinition definition) =>
        SendAsync<VfsResponse>(HttpMethod.Post, $"{_prefix}/vfs", definition, badRequestIsUsage: true);

    public Task<VfsResponse> ReplaceVfsAsync(VfsDefinition definition) =>
        SendAsync<VfsResponse>(HttpMethod.Put, $"{_prefix}/vfs/{Escape(definition.Name)}", definition, badRequestIsUsage: true);

    public async Task<IReadOnlyList<VfsResponse>> ListVfsAsync() => await SendAsync<List<VfsResponse>>(HttpMethod.Get, $"{_prefix}/vfs");

    public Task<VfsResponse> GetVfsAsync(string name) => SendAsync<VfsResponse>(HttpMethod.Get, $"{_prefix}/vfs/{Escape(name)}");

    public Task RemoveVfsAsync(string name) => SendAsync(HttpMethod.Delete, $"{_prefix}/vfs/{Escape(name)}");

    public Task<VfsTestResponse> TestVfsAsync(string name) => SendAsync<VfsTestResponse>(HttpMethod.Post, $"{_prefix}/vfs/{Escape(name)}/test");

    public Task<AftSettings> GetSettingsAsync() => SendAsync<AftSettings>(HttpMethod.Get, $"{_prefix}/settings");

    public Task<AftSettings> UpdateSettingsAsync(bool? allowCliRun, bool? allowFilePathJobs)
    {
        var changes = new Dictionary<string, bool>();
        if (allowCliRun is { } cliRun)
        {
            changes["allowCliRun"] = cliRun;
        }

        if (allowFilePathJobs is { } filePathJobs)
        {
            changes["allowFilePathJobs"] = filePathJobs;
        }

        return SendAsync<AftSettings>(HttpMethod.Put, $"{_prefix}/settings", changes);
    }

    // Schedules: a 400 names the field (a bad cron, zone, script or mode): exit 3, as for bad input on the command line.

    public Task<ScheduleResponse> AddScheduleAsync(IReadOnlyDictionary<string, object> fields) =>
        SendAsync<ScheduleResponse>(HttpMethod.Post, $"{_prefix}/schedules", fields, badRequestIsUsage: true);

    /// <summary>Changes the fields given; the others keep their value.</summary>
    public Task<ScheduleResponse> UpdateScheduleAsync(string idOrName, IReadOnlyDictionary<string, object> fields) =>
        SendAsync<ScheduleResponse>(HttpMethod.Patch, $"{_prefix}/schedules/{Escape(idOrName)}", fields, badRequestIsUsage: true);

    public async Task<IReadOnlyList<ScheduleResponse>> ListSchedulesAsync() => await SendAsync<List<ScheduleResponse>>(HttpMethod.Get, $"{_prefix}/schedules");

    public Task<ScheduleResponse> GetScheduleAsync(string idOrName) => SendAsync<ScheduleResponse>(HttpMethod.Get, $"{_prefix}/schedules/{Escape(idOrName)}");

    public Task<ScheduleResponse> SetScheduleEnabledAsync(string idOrName, bool enabled) =>
        SendAsync<ScheduleResponse>(HttpMethod.Post, $"{_prefix}/schedules/{Escape(idOrName)}/{(enabled ? "resume" : "pause")}");

    public Task RemoveScheduleAsync(string idOrName) => SendAsync(HttpMethod.Delete, $"{_prefix}/schedules/{Escape(idOrName)}");

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    public static bool IsTerminal(string status) => status is "succeeded" or "failed" or "cancelled" or "timed_out";

    // Transport

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default, bool badRequestIsUsage = false)
    {
        using var response = await SendAsync(method, path, body, cancellationToken, badRequestIsUsage);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new CliException($"the service at {_where} sent an empty answer to {method} /{path}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default, bool badRequestIsUsage = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken, badRequestIsUsage);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken, bool badRequestIsUsage = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await RefusedAsync(response, badRequestIsUsage, cancellationToken);
        }
    }

    private CliException Unreachable(HttpRequestException ex)
    {
        if (ex.InnerException is AuthenticationException && _trust is not null)
        {
            var presented = _trust.PresentedSha256 is { } sha ? $" (it presented SHA-256 {sha})" : string.Empty;
            return new CliException($"the TLS certificate of {_where} is not {_trust.Description}{presented}; " +
                "if you trust it, pin it with --cert-sha256 FINGERPRINT (or skip the check with --insecure)");
        }

        var reason = ex.InnerException is SocketException socket ? socket.Message : ex.Message;
        return _trust is null
            ? new CliException($"cannot reach the local AFT service through {_where}: {reason}")
            : new CliException($"cannot reach the AFT service at {_where}: {reason}; check that 'aft serve' runs there and pass its address with --host HOST:PORT");
    }

    private async Task<CliException> RefusedAsync(HttpResponseMessage response, bool badRequestIsUsage, CancellationToken cancellationToken)
    {
        string? detail = null;
        try
        {
            if (response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                detail = problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                    : problem.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                    : null;
            }
        }
        catch (JsonException)
        {
            // Not a problem document; the status line says enough.
        }

        var status = (int)response.StatusCode;
        detail ??= $"it answered {status} {response.ReasonPhrase}";
        return response.StatusCode == HttpStatusCode.Unauthorized
            ? new CliException($"the service at {_where} refused the API key: {detail}; pass a valid key with --apikey KEY or AFT_API_KEY")
            : new CliException($"{detail} (service at {_where})",
                badRequestIsUsage && response.StatusCode == HttpStatusCode.BadRequest ? ExitCodes.Usage : ExitCodes.Failed);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
