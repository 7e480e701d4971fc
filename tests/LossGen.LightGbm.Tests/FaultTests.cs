using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using LossGen.LightGbm.Worker;
using Xunit;

namespace LossGen.LightGbm.Tests;

/// <summary>
/// LightGBM under faults: a machine of a distributed run killed mid-training, a machine whose derivatives are not
/// finite, a port already in use, and thousands of boosters and datasets created and disposed. Each fails fast with an
/// exception that says what happened, or (for the last) leaks no native memory.
/// </summary>
public class FaultTests
{
    /// <summary>Below the network timeout (a minute): a fault must end the run, not the timeout.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    /// <summary>
    /// LightGBM alone would spin for ever here: it adds up the bytes of each socket read until it has them all, and a
    /// connection whose peer has closed reads as 0 bytes, again and again. <see cref="LightGbmNetwork"/> watches the
    /// connections and fails the next native call when one closes.
    /// </summary>
    [Fact]
    public async Task A_machine_killed_mid_training_makes_the_other_fail_at_once_naming_it()
    {
        var ports = Worker.FreePorts(2);
        using var survivor = Worker.Start(0, ports, 200, "slow");
        using var victim = Worker.Start(1, ports, 200, "slow");
        await victim.WaitForLine("round 3", Deadline);
        victim.Kill();

        var watch = Stopwatch.StartNew();
        var (exitCode, error) = await survivor.WaitForExit(Deadline);
        Assert.True(exitCode != 0, "the surviving machine finished training without its peer");
        Assert.Contains("LightGbmException", error, StringComparison.Ordinal);
        Assert.Contains($"the connection to machine 127.0.0.1:{ports[1]} of the distributed run closed: that machine has probably stopped", error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the survivor took {watch.Elapsed.TotalSeconds:F1} s to fail: {error}");
    }

    /// <summary>A machine that stops answering but keeps its connections open (a frozen process, a lost network) fails the run after the timeout.</summary>
    [Fact]
    public async Task A_machine_that_stops_answering_makes_the_other_fail_after_the_timeout()
    {
        const int TimeoutSeconds = 3;
        var ports = Worker.FreePorts(2);
        using var survivor = Worker.Start(1, ports, 200, "slow", TimeoutSeconds);
        using var frozen = Worker.Start(0, ports, 200, "slow", TimeoutSeconds);
        await frozen.WaitForLine("round 3", Deadline);
        frozen.Suspend();

        var watch = Stopwatch.StartNew();
        var (exitCode, error) = await survivor.WaitForExit(Deadline);
        Assert.True(exitCode != 0, "the surviving machine finished training without its peer");
        Assert.Contains("a connection of the distributed run failed or timed out: one of the other machines has probably stopped", error, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(TimeoutSeconds - 1), TimeSpan.FromSeconds(TimeoutSeconds + 15));
    }

    [Fact]
    public async Task Non_finite_derivatives_on_one_machine_stop_both_naming_the_element_and_the_round()
    {
        var ports = Worker.FreePorts(2);
        using var faulty = Worker.Start(0, ports, 200, "nan");
        using var healthy = Worker.Start(1, ports, 200, "");
        var (faultyExit, faultyError) = await faulty.WaitForExit(Deadline);
        var (healthyExit, healthyError) = await healthy.WaitForExit(Deadline);

        Assert.True(faultyExit != 0, "the machine with a NaN label trained to the end");
        Assert.Contains("element 7", faultyError, StringComparison.Ordinal);
        Assert.Contains("round 1", faultyError, StringComparison.Ordinal);
        Assert.True(healthyExit != 0, $"the other machine trained to the end without its peer: {healthyError}");
    }

    [Fact]
    public void A_port_in_use_is_a_clear_error_at_join_and_the_process_can_join_again()
    {
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var other = Worker.FreePorts(1)[0];
            var machines = new[] { new IPEndPoint(IPAddress.Loopback, port), new IPEndPoint(IPAddress.Loopback, other) };
            var watch = Stopwatch.StartNew();
            var error = Assert.Throws<LightGbmException>(() => LightGbmNetwork.Join(machines, port, TimeSpan.FromMinutes(1)));
            Assert.True(watch.Elapsed < Deadline, $"the join took {watch.Elapsed.TotalSeconds:F1} s to fail");
            Assert.Contains(port.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            busy.Stop();
        }

        // The failed join left no network behind: another join is refused only for its own reasons.
        var invalid = Assert.Throws<ArgumentException>(() => LightGbmNetwork.Join([new IPEndPoint(IPAddress.Loopback, 1)], 1, TimeSpan.FromMinutes(1)));
        Assert.Equal("machines", invalid.ParamName);
    }

    [Fact]
    public void Creating_and_disposing_two_thousand_boosters_and_datasets_leaks_no_native_memory()
    {
        var data = SyntheticData.Create();
        var rows = Enumerable.Range(0, 200).ToArray();
        var features = data.TrainingFeatures(rows);
        var labels = data.TrainingLabels(rows);
        var options = SyntheticData.Options with { Rounds = 1, InitialScore = 0 };
        var loss = new Losses.MeanSquaredErrorLoss<double>();

        void Cycle(int times)
        {
            for (var i = 0; i < times; i++)
            {
                using var dataset = LightGbmDataset.FromRows(features, rows.Length, SyntheticData.Columns, labels, parameters: SyntheticData.DatasetParameters);
                using var booster = LightGbmBooster.Train(loss, dataset, options);
            }
        }

        Cycle(200);
        var before = ResidentBytes();
        Cycle(2000);
        var growth = ResidentBytes() - before;

        // A leak of the native dataset alone (a few hundred kB each) would be hundreds of MB here.
        Assert.True(growth < 40L << 20, $"resident memory grew by {growth >> 20} MB over 2000 boosters and datasets");
    }

    /// <summary>The resident set of this process after a full collection (managed garbage must not hide or fake a leak).</summary>
    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
