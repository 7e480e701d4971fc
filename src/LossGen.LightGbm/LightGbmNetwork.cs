using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;

namespace LossGen.LightGbm;

/// <summary>
/// This process's place in a LightGBM data-parallel run (LightGBM's own socket network): every machine holds a shard of
/// the rows, computes its shard's gradients and Hessians with LossGen, and LightGBM merges the histograms. LightGBM keeps
/// one network per process, so only one can be joined at a time.
/// </summary>
public sealed class LightGbmNetwork : IDisposable
{
    private static int s_joined;
    private static LinkWatchdog? s_watchdog;
    private bool _disposed;

    private LightGbmNetwork(int machines) => Machines = machines;

    /// <summary>The number of machines in the run.</summary>
    public int Machines { get; }

    /// <summary>
    /// Joins the run of <paramref name="machines"/> (every machine's address and port, this one's included, the same list
    /// on every machine), listening on <paramref name="localPort"/>. Returns once every machine has connected.
    /// </summary>
    /// <param name="machines">Every machine of the run, this one included, in the same order everywhere.</param>
    /// <param name="localPort">The port this machine listens on: its own entry's port in <paramref name="machines"/>.</param>
    /// <param name="timeout">
    /// How long to wait for the other machines: to join, in whole minutes, at least one (LightGBM's unit); then (on Linux)
    /// for each read or write of a connection during training, as given. A machine that closes its connections (a process
    /// that stopped or was killed) fails the run's next native call at once, with a <see cref="LightGbmException"/> that
    /// names it; one that stops answering fails it after <paramref name="timeout"/>.
    /// </param>
    /// <returns>The network; dispose it after training to close the sockets.</returns>
    /// <exception cref="ArgumentException">Fewer than two machines, or <paramref name="localPort"/> is not one of theirs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">This process has joined a network already.</exception>
    /// <exception cref="LightGbmException">The machines could not connect in time.</exception>
    public static LightGbmNetwork Join(IReadOnlyList<IPEndPoint> machines, int localPort, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(machines);
        if (machines.Count < 2)
        {
            throw new ArgumentException("A distributed run needs at least two machines.", nameof(machines));
        }

        if (!machines.Any(m => m.Port == localPort))
        {
            throw new ArgumentException($"Port {localPort} is not the port of any machine in the list.", nameof(localPort));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (Interlocked.Exchange(ref s_joined, 1) == 1)
        {
            throw new InvalidOperationException("This process is in a LightGBM network already: LightGBM keeps one per process.");
        }

        try
        {
            var list = string.Join(",", machines.Select(m => m.Address + ":" + m.Port));
            var minutes = (int)Math.Clamp(Math.Ceiling(timeout.TotalMinutes), 1, int.MaxValue / 60_000);
            var before = LinkWatchdog.OpenDescriptors();
            NativeMethods.Check(NativeMethods.LGBM_NetworkInit(list, localPort, minutes, machines.Count), nameof(NativeMethods.LGBM_NetworkInit));
            s_watchdog = LinkWatchdog.Start(before, machines, localPort, timeout);
        }
        catch
        {
            Volatile.Write(ref s_joined, 0);
            throw;
        }

        return new LightGbmNetwork(machines.Count);
    }

    /// <summary>
    /// Why a native call of the joined run failed, when the cause is the network: a machine that closed its connection,
    /// or a connection that failed or timed out (LightGBM reports those as socket errors). Null otherwise.
    /// </summary>
    internal static string? NetworkFailure(string nativeMessage)
    {
        if (Volatile.Read(ref s_joined) == 0)
        {
            return null;
        }

        if (s_watchdog?.ClosedPeer() is { } peer)
        {
            return $"the connection to {peer} of the distributed run closed: that machine has probably stopped, and training cannot go on without it";
        }

        return nativeMessage.StartsWith("Socket", StringComparison.Ordinal)
            ? "a connection of the distributed run failed or timed out: one of the other machines has probably stopped, or the network between them failed"
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            s_watchdog?.Dispose();
            s_watchdog = null;
            NativeMethods.LGBM_NetworkFree();
            Volatile.Write(ref s_joined, 0);
        }
    }
}
