using Aft.Scripting.Vfs.Connections;
using Microsoft.Extensions.Options;

namespace Aft.Scripting.Tests.Vfs.ObjectStore;

/// <summary>Connection pools behind an in-process gate, one set per test, so one test's failing endpoint cannot slow another.</summary>
public static class TestPools
{
    public static VfsConnectionPools Create(VfsConnectionOptions? options = null)
    {
        var settings = Options.Create(options ?? new VfsConnectionOptions());
        return new VfsConnectionPools(new LocalEndpointGate(settings, TimeProvider.System), settings, TimeProvider.System);
    }
}
