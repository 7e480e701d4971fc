using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace LossGen.LightGbm.Tests;

/// <summary>One machine of a run: the LossGen.LightGbm.Worker process, its output read as it comes.</summary>
internal sealed class Worker : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Task _reading;

    private Worker(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(Pump(process.StandardOutput, _output), Pump(process.StandardError, _error));
    }

    /// <summary>Ports the OS has just handed out as free (listeners opened at port 0, then closed).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners)
        {
            listener.Start();
        }

        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners)
        {
            listener.Stop();
        }

        return ports;
    }

    /// <summary>Starts machine <paramref name="rank"/> of the run on <paramref name="ports"/> (see the worker's usage).</summary>
    public static Worker Start(int rank, int[] ports, int rounds, string mode, int timeoutSeconds = 60)
    {
        var program = Path.Combine(AppContext.BaseDirectory.Replace("LossGen.LightGbm.Tests", "LossGen.LightGbm.Worker", StringComparison.Ordinal), "LossGen.LightGbm.Worker.dll");
        Assert.True(File.Exists(program), $"{program} is missing: build the solution first.");
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", program, rank.ToString(CultureInfo.InvariantCulture), string.Join(",", ports), rounds.ToString(CultureInfo.InvariantCulture), mode, timeoutSeconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return new Worker(Process.Start(start)!);
    }

    public async Task WaitForLine(string line, TimeSpan deadline)
    {
        var watch = Stopwatch.StartNew();
        while (!Output().Split('\n').Any(l => l.Trim() == line))
        {
            Assert.True(watch.Elapsed < deadline && !_process.HasExited, $"the worker never printed '{line}': {Output()} {Error()}");
            await Task.Delay(20);
        }
    }

    public async Task<(int ExitCode, string Error)> WaitForExit(TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"the worker hung for {deadline.TotalSeconds} s: {Error()}");
        }

        await _reading;
        return (_process.ExitCode, Error());
    }

    /// <summary>Stops the worker without ending it (SIGSTOP): its connections stay open and go silent.</summary>
    public void Suspend()
    {
        using var signal = Process.Start("kill", ["-STOP", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        signal.WaitForExit();
        Assert.Equal(0, signal.ExitCode);
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>What the worker printed so far.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private string Error()
    {
        lock (_error)
        {
            return _error.ToString();
        }
    }

    private static async Task Pump(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.Append(line).Append('\n');
            }
        }
    }
}
