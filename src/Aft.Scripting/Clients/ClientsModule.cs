using Aft.Scripting.Runtime;
using Aft.Scripting.Vfs;
using Aft.Scripting.Vfs.Script;

namespace Aft.Scripting.Clients;

/// <summary>Installs <c>SftpClient</c>, <c>FtpsClient</c>, <c>S3Client</c> and <c>AzureClient</c> (with or without <c>new</c>).</summary>
public sealed class ClientsModule(VfsBackendFactory factory, VfsOpener opener) : IScriptModule
{
    private static readonly ClientProfile[] Profiles = [new SftpClientProfile(), new FtpsClientProfile(), new S3ClientProfile(), new AzureClientProfile()];

    public void Install(ScriptContext context)
    {
        foreach (var profile in Profiles)
        {
            context.Engine.SetValue(profile.Name, new ScriptConstructor(context.Engine, profile.Name, _ =>
                context.Own(new RemoteClient(context, profile, factory, opener.Transfer(context)))));
        }
    }
}
