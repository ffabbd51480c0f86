using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace Aft.Silo;

/// <summary>
/// Tells systemd (a <c>Type=notify</c> unit, as <c>aft svc install</c> writes) that the node is ready once the API
/// and the silo are up, and that it is stopping when the drain begins, over the datagram socket systemd names in
/// <c>NOTIFY_SOCKET</c>. Nothing happens without that variable.
/// </summary>
public sealed class SystemdNotifier : IHostedLifecycleService
{
    private readonly string? _socket = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");

    public Task StartedAsync(CancellationToken cancellationToken) => NotifyAsync("READY=1\nSTATUS=AFT is listening", cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => NotifyAsync("STOPPING=1\nSTATUS=draining running jobs", cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task NotifyAsync(string state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_socket))
        {
            return;
        }

        // A name starting with '@' is in Linux's abstract socket namespace, which the socket address spells with a NUL.
        var endPoint = new UnixDomainSocketEndPoint(_socket[0] == '@' ? "\0" + _socket[1..] : _socket);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        await socket.SendToAsync(Encoding.UTF8.GetBytes(state), SocketFlags.None, endPoint, cancellationToken);
    }
}
