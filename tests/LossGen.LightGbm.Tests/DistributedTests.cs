using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using LossGen.LightGbm.Worker;
using Xunit;

namespace LossGen.LightGbm.Tests;

/// <summary>
/// LightGBM's data-parallel mode across two processes on loopback, each computing its shard's derivatives with LossGen
/// (tests/LossGen.LightGbm.Worker): both end with the same model, as good as one process trained on all the rows.
/// </summary>
public class DistributedTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_workers_on_loopback_train_one_model_as_good_as_one_process()
    {
        var ports = FreePorts(2);
        var workers = Enumerable.Range(0, 2).Select(rank => RunWorker(rank, ports)).ToArray();
        var outputs = await Task.WhenAll(workers);
        Assert.Equal(outputs[0], outputs[1]);
        var distributed = outputs[0];

        var data = SyntheticData.Create();
        var rows = Enumerable.Range(0, data.TrainingRows).ToArray();
        using var training = LightGbmDataset.FromRows(data.TrainingFeatures(rows), rows.Length, SyntheticData.Columns, data.TrainingLabels(rows), parameters: SyntheticData.DatasetParameters);
        using var single = LightGbmBooster.Train(new Losses.HuberLoss<double>(delta: 1.0), training, SyntheticData.Options with { InitialScore = SyntheticData.InitialScore });
        var alone = single.PredictRaw(data.TestFeatures, data.TestRows);

        double Mae(double[] scores) => scores.Zip(data.TestLabels, (s, y) => Math.Abs(s - y)).Average();
        var baseline = data.TestLabels.Select(y => Math.Abs(y - data.TestLabels.Average())).Average();
        Assert.Equal(alone.Length, distributed.Length);
        // Bins found from both shards rather than from all rows at once change splits slightly; the quality must not.
        Assert.True(Math.Abs(Mae(distributed) - Mae(alone)) <= 0.05 * Mae(alone), $"held-out MAE: distributed {Mae(distributed):F4}, one process {Mae(alone):F4}");
        Assert.True(Mae(distributed) < 0.5 * baseline, $"held-out MAE {Mae(distributed):F4} against {baseline:F4} for the mean");
    }

    private static async Task<double[]> RunWorker(int rank, int[] ports)
    {
        var program = Path.Combine(AppContext.BaseDirectory.Replace("LossGen.LightGbm.Tests", "LossGen.LightGbm.Worker", StringComparison.Ordinal), "LossGen.LightGbm.Worker.dll");
        Assert.True(File.Exists(program), $"{program} is missing: build the solution first.");
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", program, rank.ToString(CultureInfo.InvariantCulture), string.Join(",", ports), "30" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new System.Threading.CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"worker {rank} did not finish within {Timeout.TotalSeconds} s: {await error}");
        }

        Assert.True(process.ExitCode == 0, $"worker {rank} failed: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("score ", StringComparison.Ordinal))
            .Select(l => double.Parse(l["score ".Length..], CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>Ports the OS has just handed out as free (listeners opened at port 0, then closed).</summary>
    private static int[] FreePorts(int count)
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
}
