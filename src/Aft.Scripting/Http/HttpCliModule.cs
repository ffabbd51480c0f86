using Aft.Scripting.Runtime;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Http;

/// <summary>Installs <c>HttpCli()</c> / <c>new HttpCli()</c>.</summary>
public sealed class HttpCliModule(IHttpClientFactory clients, IOptions<HttpCliOptions> options) : IScriptModule
{
    public void Install(ScriptContext context)
    {
        context.Engine.SetValue("HttpCli", new ScriptConstructor(context.Engine, "HttpCli", _ =>
            new HttpCliBuilder(context, () => clients.CreateClient(HttpCliOptions.ClientName), options.Value)));
    }
}
