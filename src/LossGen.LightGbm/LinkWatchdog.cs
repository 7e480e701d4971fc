using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace LossGen.LightGbm;

/// <summary>
/// Makes a lost machine fail the run instead of hanging it (Linux). LightGBM reads a socket until it has every byte it
/// waits for, adding up what each <c>recv</c> returns; a connection whose peer has closed returns 0 bytes for ever, so
/// the survivor spins, and its socket timeout never applies (it passes milliseconds as an <c>int</c> where Linux wants a
/// <c>timeval</c>). The watchdog finds the sockets of the run's connections, gives them the run's timeout, and every
/// 100 ms peeks at each without waiting: when one has been closed by its peer it replaces every connection's descriptor
/// by <c>/dev/null</c>, so LightGBM's next read or write of any of them fails and the native call returns its error.
/// </summary>
internal sealed unsafe partial class LinkWatchdog : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly (int Descriptor, string Peer)[] _links;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private volatile string? _closedPeer;

    private LinkWatchdog((int Descriptor, string Peer)[] links)
    {
        _links = links;
        _thread = new Thread(Watch) { IsBackground = true, Name = "LossGen.LightGbm link watchdog" };
        _thread.Start();
    }

    /// <summary>
    /// The machine whose connection closed (its address, and its port where it listens), or null while every connection is
    /// open: the one the watchdog found, or else one closed now. A native call can fail on a reset connection before the
    /// watchdog's next look (LightGBM's own read gets the reset), so the failure looks at every connection at once.
    /// </summary>
    public string? ClosedPeer()
    {
        if (_closedPeer is { } found)
        {
            return found;
        }

        var closed = _links.Where(link => IsClosed(link.Descriptor)).Select(link => link.Peer).FirstOrDefault();

        // The watchdog may have replaced the descriptors while they were looked at: its finding comes first.
        return _closedPeer ?? closed;
    }

    /// <summary>The descriptors this process has open now (Linux), to tell the run's sockets from the ones before it.</summary>
    public static HashSet<int> OpenDescriptors() =>
        OperatingSystem.IsLinux() ? Directory.EnumerateFileSystemEntries("/proc/self/fd").Select(p => int.Parse(Path.GetFileName(p), System.Globalization.CultureInfo.InvariantCulture)).ToHashSet() : [];

    /// <summary>
    /// Watches the connections LightGBM opened since <paramref name="before"/> was taken: the sockets on
    /// <paramref name="localPort"/> (accepted from the machines of lower rank) and those to another machine's port.
    /// Null where there is no <c>/proc</c> to find them (not Linux).
    /// </summary>
    public static LinkWatchdog? Start(HashSet<int> before, IReadOnlyList<IPEndPoint> machines, int localPort, TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var ports = machines.Where(m => m.Port != localPort).Select(m => m.Port).ToHashSet();
        var links = new List<(int, string)>();
        foreach (var descriptor in OpenDescriptors().Where(d => !before.Contains(d)).Order())
        {
            if (Endpoint(descriptor, local: true) is { } local && Endpoint(descriptor, local: false) is { } peer &&
                (local.Port == localPort || ports.Contains(peer.Port)))
            {
                SetTimeout(descriptor, timeout);
                links.Add((descriptor, ports.Contains(peer.Port) ? $"machine {peer}" : $"the machine at {peer.Address} (from its port {peer.Port})"));
            }
        }

        return new LinkWatchdog([.. links]);
    }

    /// <summary>Stops watching; call it before LightGBM closes the sockets, so that no descriptor is touched after.</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Watch()
    {
        while (!_stop.Wait(Period))
        {
            foreach (var (descriptor, peer) in _links)
            {
                if (IsClosed(descriptor))
                {
                    _closedPeer = peer;
                    Break();
                    return;
                }
            }
        }
    }

    /// <summary>Points every connection's descriptor at <c>/dev/null</c> (atomically, so no other file can take the number).</summary>
    private void Break()
    {
        using var empty = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite);
        var source = (int)empty.DangerousGetHandle();
        foreach (var (descriptor, _) in _links)
        {
            _ = Dup2(source, descriptor);
        }
    }

    /// <summary>True when the peer has closed the connection and nothing is left to read (or the connection failed).</summary>
    private static bool IsClosed(int descriptor)
    {
        byte next;
        var read = Recv(descriptor, &next, 1, MessagePeek | MessageDontWait);
        return read == 0 || (read < 0 && Marshal.GetLastPInvokeError() is not (WouldBlock or Interrupted));
    }

    private static void SetTimeout(int descriptor, TimeSpan timeout)
    {
        var value = stackalloc long[] { (long)timeout.TotalSeconds, timeout.Milliseconds * 1000L };
        _ = SetSocketOption(descriptor, SocketLevel, ReceiveTimeout, value, 2 * sizeof(long));
        _ = SetSocketOption(descriptor, SocketLevel, SendTimeout, value, 2 * sizeof(long));
    }

    private static IPEndPoint? Endpoint(int descriptor, bool local)
    {
        var address = stackalloc byte[128];
        var length = 128u;
        if ((local ? GetSocketName(descriptor, address, ref length) : GetPeerName(descriptor, address, ref length)) != 0)
        {
            return null;
        }

        var port = address[2] << 8 | address[3];
        var family = *(ushort*)address;
        return family switch
        {
            InterNetwork => new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(address + 4, 4)), port),
            InterNetworkV6 => new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(address + 8, 16)), port),
            _ => null,
        };
    }

    private const int SocketLevel = 1;
    private const int ReceiveTimeout = 20;
    private const int SendTimeout = 21;
    private const int MessagePeek = 0x2;
    private const int MessageDontWait = 0x40;
    private const int WouldBlock = 11;
    private const int Interrupted = 4;
    private const ushort InterNetwork = 2;
    private const ushort InterNetworkV6 = 10;

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(int descriptor, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int source, int target);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSocketOption(int descriptor, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static partial int GetSocketName(int descriptor, byte* address, ref uint length);

    [LibraryImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    private static partial int GetPeerName(int descriptor, byte* address, ref uint length);
}
