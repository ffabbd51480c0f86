using Aft.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Aft.Scripting.Tests.Js;

namespace Aft.Scripting.Tests.Http;

/// <summary>HttpCli against a real HTTP server on loopback.</summary>
public sealed class HttpCliTests : IAsyncLifetime
{
    private readonly ScriptHarness _harness = new(settings: new Dictionary<string, string?> { ["Http:MaxResponseBytes"] = "1000" });
    private LoopbackWebServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackWebServer.StartAsync(app =>
        {
            app.Map("/echo", async (HttpContext http) =>
            {
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                return Results.Json(new
                {
                    method = http.Request.Method,
                    query = http.Request.QueryString.Value,
                    contentType = http.Request.ContentType,
                    contentLength = http.Request.ContentLength,
                    authorization = http.Request.Headers.Authorization.ToString(),
                    custom = http.Request.Headers["X-Custom"].ToString(),
                    body,
                });
            });
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/tagged", (HttpContext http) =>
            {
                http.Response.Headers["X-Tag"] = "blue";
                return "tagged";
            });
            app.MapGet("/big", () => new string('x', 2000));
            app.MapGet("/slow", async (CancellationToken token) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10), token);
                return "late";
            });
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _harness.Dispose();
    }

    private IReadOnlyList<string> Run(string code) => _harness.RunLogged($"var base = {Quote(_server.BaseUrl)};\n{code}");

    [Fact]
    public void Get_returns_the_status_and_the_body()
    {
        var lines = Run("""var r = HttpCli().Url(base + "/echo").Get(); Log(r.Ok(), r.IsValid(), r.StatusCode(), r.ErrorMsg() === ""); Log(JSON.parse(r.BodyAsString()).method);""");

        Assert.Equal(["true true 200 true", "GET"], lines);
    }

    [Fact]
    public void HttpCli_can_be_created_with_new()
    {
        Assert.Equal(["200"], Run("""Log(new HttpCli().Url(base + "/echo").Get().StatusCode());"""));
    }

    [Fact]
    public void Post_null_sends_an_empty_body()
    {
        Assert.Equal(["""{"method":"POST","contentLength":0,"body":""}"""], Run("""
            var e = JSON.parse(HttpCli().Url(base + "/echo").Post(null).BodyAsString());
            Log({ method: e.method, contentLength: e.contentLength, body: e.body });
            """));
    }

    [Fact]
    public void Post_with_a_string_sends_text_and_a_Content_Type_header_replaces_its_type()
    {
        var lines = Run("""
            var t = JSON.parse(HttpCli().Url(base + "/echo").Post("hello").BodyAsString());
            Log(t.contentType + " " + t.body);
            var j = JSON.parse(HttpCli().Url(base + "/echo").Header("Content-Type", "application/json").Post('{"a":1}').BodyAsString());
            Log(j.contentType + " " + j.body);
            """);

        Assert.Equal(["text/plain; charset=utf-8 hello", """application/json {"a":1}"""], lines);
    }

    [Fact]
    public void Post_with_an_object_sends_json()
    {
        var lines = Run("""var e = JSON.parse(HttpCli().Url(base + "/echo").Post({ a: [1, 2] }).BodyAsString()); Log(e.contentType + " " + e.body);""");

        Assert.Equal(["""application/json; charset=utf-8 {"a":[1,2]}"""], lines);
    }

    [Fact]
    public void ReqBody_is_sent_by_a_verb_called_without_a_body()
    {
        Assert.Equal(["PUT payload"], Run("""var e = JSON.parse(HttpCli().Url(base + "/echo").ReqBody("payload").Put().BodyAsString()); Log(e.method + " " + e.body);"""));
    }

    [Fact]
    public void Patch_Delete_Head_and_Do_send_their_methods()
    {
        var lines = Run("""
            function m(r) { return JSON.parse(r.BodyAsString()).method; }
            Log(m(HttpCli().Url(base + "/echo").Patch("x")), m(HttpCli().Url(base + "/echo").Delete()), m(HttpCli().Url(base + "/echo").Do("purge")));
            var h = HttpCli().Url(base + "/echo").Head(); Log(h.StatusCode() + " [" + h.BodyAsString() + "]");
            """);

        Assert.Equal(["PATCH DELETE PURGE", "200 []"], lines);
    }

    [Fact]
    public void Bearer_and_BasicAuth_set_the_Authorization_header()
    {
        var lines = Run("""
            Log(JSON.parse(HttpCli().Url(base + "/echo").Bearer("t0k").Get().BodyAsString()).authorization);
            Log(JSON.parse(HttpCli().Url(base + "/echo").BasicAuth("ann", "pw").Get().BodyAsString()).authorization);
            """);

        Assert.Equal(["Bearer t0k", "Basic YW5uOnB3"], lines);
    }

    [Fact]
    public void Header_sets_a_request_header()
    {
        Assert.Equal(["v2"], Run("""Log(JSON.parse(HttpCli().Url(base + "/echo").Header("X-Custom", "v1").Header("x-custom", "v2").Get().BodyAsString()).custom);"""));
    }

    [Fact]
    public void Query_appends_escaped_parameters()
    {
        Assert.Equal(["?a=1&b=x%20y%26z"], Run("""Log(JSON.parse(HttpCli().Url(base + "/echo?a=1").Query("b", "x y&z").Get().BodyAsString()).query);"""));
    }

    [Fact]
    public void A_non_2xx_status_is_valid_but_not_Ok()
    {
        Assert.Equal(["false true 404 HTTP 404 Not Found"], Run("""var r = HttpCli().Url(base + "/missing").Get(); Log(r.Ok(), r.IsValid(), r.StatusCode(), r.ErrorMsg());"""));
    }

    [Fact]
    public void Header_reads_a_response_header_case_insensitively()
    {
        Assert.Equal(["blue [] text/plain; charset=utf-8"], Run("""var r = HttpCli().Url(base + "/tagged").Get(); Log(r.Header("x-tag"), "[" + r.Header("X-None") + "]", r.Header("Content-Type"));"""));
    }

    [Fact]
    public void A_refused_connection_gives_an_invalid_response_instead_of_an_error()
    {
        var port = ClosedPort.Next();

        var lines = Run($$"""var r = HttpCli().Url("http://127.0.0.1:{{port}}/x").Get(); Log(r.Ok(), r.IsValid(), r.StatusCode(), r.ErrorMsg().indexOf("Connection refused") >= 0);""");

        Assert.Equal(["false false 0 true"], lines);
    }

    [Fact]
    public void Timeout_in_seconds_ends_a_slow_request_as_invalid()
    {
        Assert.Equal(["false the request timed out after 0.2 s"], Run("""var r = HttpCli().Url(base + "/slow").Timeout(0.2).Get(); Log(r.IsValid(), r.ErrorMsg());"""));
    }

    [Fact]
    public void Stopping_the_run_interrupts_a_request_in_flight()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;

        var outcome = _harness.Run($"HttpCli().Url({Quote(_server.BaseUrl)} + \"/slow\").Get();", stop: stop.Token);

        Assert.Equal(ScriptOutcomeKind.Cancelled, outcome.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_body_over_the_configured_limit_gives_an_invalid_response()
    {
        Assert.Equal(["false true"], Run("""var r = HttpCli().Url(base + "/big").Get(); Log(r.IsValid(), r.ErrorMsg().length > 0);"""));
    }

    [Fact]
    public void A_missing_or_relative_URL_gives_an_invalid_response_that_does_not_repeat_the_URL()
    {
        Assert.Equal(["false the URL is not an absolute http or https URL"], Run("""var r = HttpCli().Url("secret-token/jobs").Get(); Log(r.IsValid(), r.ErrorMsg());"""));
    }

    [Fact]
    public void Wrong_argument_types_are_TypeErrors()
    {
        var outcome = _harness.Run("HttpCli().Url(42);");

        Assert.Equal("uncaught error: HttpCli.Url: url must be a string (line 1, column 1)", outcome.Error);
    }
}
