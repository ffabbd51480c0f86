using Aft.Scripting.Runtime;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Aft.Scripting.Http;

/// <summary>
/// The script's HttpCli object: builder methods return the builder so calls chain, verb methods send the
/// request and return an HttpRes. A request that gets no HTTP response at all returns an HttpRes with
/// <c>IsValid() == false</c> instead of throwing.
/// </summary>
public sealed class HttpCliBuilder : ScriptObject
{
    private readonly HttpCliRequest _request;
    private readonly Func<HttpClient> _client;
    private readonly HttpCliOptions _options;
    private readonly CancellationToken _stop;

    internal HttpCliBuilder(ScriptContext context, Func<HttpClient> client, HttpCliOptions options)
        : base(context.Engine)
    {
        _request = new HttpCliRequest(options.DefaultTimeout);
        _client = client;
        _options = options;
        _stop = context.Signals.Stop;

        Builder("Url", arguments => _request.Url = Text(arguments, 0, "Url", "url"), 1);
        Builder("Header", arguments => _request.SetHeader(Text(arguments, 0, "Header", "name"), Text(arguments, 1, "Header", "value")), 2);
        Builder("Bearer", arguments => _request.SetHeader("Authorization", "Bearer " + Text(arguments, 0, "Bearer", "token")), 1);
        Builder("BasicAuth", arguments => _request.SetHeader("Authorization", "Basic " + Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes(Text(arguments, 0, "BasicAuth", "user") + ":" + Text(arguments, 1, "BasicAuth", "password")))), 2);
        Builder("Timeout", arguments => _request.Timeout = Seconds(arguments), 1);
        Builder("ReqBody", arguments => _request.Body = Body(arguments, 0, "ReqBody"), 1);
        Builder("Query", arguments => _request.AddQuery(Text(arguments, 0, "Query", "name"), JsText.Of(ScriptEngine, ScriptArgs.At(arguments, 1))), 2);

        Method("Get", _ => Send("GET", null));
        Method("Head", _ => Send("HEAD", null));
        Method("Delete", arguments => Send("DELETE", Body(arguments, 0, "Delete")), 1);
        Method("Post", arguments => Send("POST", Body(arguments, 0, "Post")), 1);
        Method("Put", arguments => Send("PUT", Body(arguments, 0, "Put")), 1);
        Method("Patch", arguments => Send("PATCH", Body(arguments, 0, "Patch")), 1);
        Method("Do", arguments => Send(Text(arguments, 0, "Do", "verb"), Body(arguments, 1, "Do")), 2);
    }

    private void Builder(string name, Action<JsValue[]> apply, int length) => Method(name, arguments =>
    {
        apply(arguments);
        return this;
    }, length);

    private string Text(JsValue[] arguments, int index, string function, string parameter) =>
        ScriptArgs.String(ScriptEngine, arguments, index, "HttpCli." + function, parameter);

    private TimeSpan Seconds(JsValue[] arguments)
    {
        var seconds = ScriptArgs.Number(ScriptEngine, arguments, 0, "HttpCli.Timeout", "seconds");
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw ScriptArgs.TypeError(ScriptEngine, "HttpCli.Timeout: seconds must be positive");
    }

    /// <summary>A string is sent as is; any other object or array is sent as JSON. null or nothing means no body.</summary>
    private HttpCliBody? Body(JsValue[] arguments, int index, string function)
    {
        if (ScriptArgs.IsMissing(arguments, index))
        {
            return null;
        }

        var value = ScriptArgs.At(arguments, index);
        if (value.IsString())
        {
            return HttpCliBody.Text(value.AsString());
        }

        if (value.IsObject() && value is not Jint.Native.Function.Function)
        {
            return HttpCliBody.Json(new JsonSerializer(ScriptEngine).Serialize(value).AsString());
        }

        throw ScriptArgs.TypeError(ScriptEngine, $"HttpCli.{function}: body must be a string or an object");
    }

    private ScriptObject Send(string method, HttpCliBody? body)
    {
        var (result, error) = ScriptIo.Run(_stop, token => _request.SendAsync(_client(), method, body, _options.MaxResponseBytes, token));
        return Response(result ?? HttpCliResult.Invalid(error ?? "the request failed"));
    }

    private ScriptObject Response(HttpCliResult result) =>
        new ScriptObject(ScriptEngine)
            .Method("Ok", _ => result.Ok)
            .Method("IsValid", _ => result.IsValid)
            .Method("StatusCode", _ => result.StatusCode)
            .Method("BodyAsString", _ => result.Body)
            .Method("Header", arguments => result.Headers.GetValueOrDefault(Text(arguments, 0, "Header", "name")) ?? string.Empty, 1)
            .Method("ErrorMsg", _ => result.Error);
}
