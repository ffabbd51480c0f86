using System.Collections.Concurrent;
using Aft.Scripting.Tests.Vfs;
using Aft.Scripting.Vfs;
using Aft.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aft.Scripting.Tests.Seeds;

/// <summary>
/// Seed 000 ("Integrating AFT! with an external workflow API"): the page's script, unchanged, against a real
/// orchestration API on loopback and two disk VFSs from the library.
/// </summary>
public sealed class WorkflowApiSeedTests : IAsyncLifetime
{
    private const string Token = "orch-t0ken-value";

    private readonly TempDirectory _temp = new();
    private readonly ConcurrentQueue<(string JobId, string ContentType, string Body)> _reports = new();
    private readonly ScriptHarness _harness;
    private LoopbackWebServer _api = null!;
    private string _claim = string.Empty;

    public WorkflowApiSeedTests()
    {
        var catalog = new InMemoryVfsCatalog().AddDisk("SourceDisk", _temp.Folder("src")).AddDisk("DestDisk", _temp.Folder("dst"));
        _temp.File("src/in/report.csv", "id,amount\n1,42\n");
        _temp.Folder("dst/out");
        _harness = new ScriptHarness(services => services.AddSingleton<IVfsCatalog>(catalog));
        _harness.Secrets["orch-api-token"] = Token;
    }

    public async Task InitializeAsync()
    {
        _api = await LoopbackWebServer.StartAsync(app =>
        {
            app.MapPost("/jobs/{id}/claim", (string id, HttpContext http) =>
                http.Request.Headers.Authorization == "Bearer " + Token
                    ? Results.Text(_claim, "application/json")
                    : Results.Unauthorized());
            app.MapPost("/jobs/{id}/report", async (string id, HttpContext http) =>
            {
                if (http.Request.Headers.Authorization != "Bearer " + Token)
                {
                    return Results.Unauthorized();
                }

                _reports.Enqueue((id, http.Request.ContentType ?? string.Empty, await new StreamReader(http.Request.Body).ReadToEndAsync()));
                return Results.NoContent();
            });
        });
        _harness.Secrets["orch-api-url"] = _api.BaseUrl;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _harness.Dispose();
        _temp.Dispose();
    }

    private static string Script()
    {
        using var stream = typeof(WorkflowApiSeedTests).Assembly.GetManifestResourceStream("Seeds.000_workflow_api.syncjs")!;
        return new StreamReader(stream).ReadToEnd();
    }

    private ScriptOutcome RunJob(string sourceVfs, string sourcePath)
    {
        _claim = $$"""{"sourceVfs":"{{sourceVfs}}","sourcePath":"{{sourcePath}}","destVfs":"DESTDISK","destDir":"/out"}""";
        return _harness.Run(Script(), """{"job_id":"abc-123"}""");
    }

    [Fact]
    public void The_job_is_claimed_the_file_copied_and_completed_reported()
    {
        var outcome = RunJob("sourcedisk", "/in/report.csv");

        Assert.Equal(ScriptOutcome.Success, outcome);
        Assert.Equal("id,amount\n1,42\n", _temp.Read("dst/out/report.csv"));
        Assert.Equal([("abc-123", "application/json", """{"jobId":"abc-123","status":"completed","agent":"aft"}""")], _reports);
        Assert.Equal([(ScriptLogLevel.Info, "transfer complete: /in/report.csv -> DESTDISK/out")], _harness.Log.Lines);
    }

    [Fact]
    public void A_missing_source_file_reports_failed_and_exits_1()
    {
        var outcome = RunJob("SourceDisk", "/in/missing.csv");

        Assert.Equal(ScriptOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal([("abc-123", "application/json", """{"jobId":"abc-123","status":"failed","agent":"aft"}""")], _reports);
        Assert.Equal([(ScriptLogLevel.Error, "transfer failed: '/in/missing.csv': no such file or directory")], _harness.Log.Lines);
        Assert.False(_temp.Exists("dst/out/missing.csv"));
    }

    [Fact]
    public void An_unknown_VFS_name_is_caught_by_the_script_and_reported_failed()
    {
        var outcome = RunJob("NoSuchVfs", "/in/report.csv");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("""{"jobId":"abc-123","status":"failed","agent":"aft"}""", Assert.Single(_reports).Body);
        Assert.Equal([(ScriptLogLevel.Error, "transfer exception: TypeError: VirtualFSByName: there is no VFS named 'NoSuchVfs'")], _harness.Log.Lines);
    }

    [Fact]
    public void A_rejected_claim_exits_1_without_a_transfer_or_a_report()
    {
        _harness.Secrets["orch-api-token"] = "wrong";

        var outcome = RunJob("SourceDisk", "/in/report.csv");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(_reports);
        Assert.Equal([(ScriptLogLevel.Error, "claim failed: HTTP 401")], _harness.Log.Lines);
    }

    [Fact]
    public void A_missing_job_id_exits_1_before_any_call()
    {
        var outcome = _harness.Run(Script(), "{}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal([(ScriptLogLevel.Error, "job_id parameter is required")], _harness.Log.Lines);
    }
}
