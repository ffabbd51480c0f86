using System.Runtime.InteropServices;

namespace Aft.Cli.Running;

/// <summary>
/// The first Ctrl-C (or SIGTERM) asks the script to stop and keeps the process, so the script's end is still
/// reported; a second one ends the process the usual way.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private int _count;

    public Interrupts(Action onFirst)
    {
        void Handle(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref _count) == 1)
            {
                context.Cancel = true;
                Console.Error.WriteLine("aft: stopping the script (press Ctrl-C again to quit at once)");
                onFirst();
            }
        }

        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
