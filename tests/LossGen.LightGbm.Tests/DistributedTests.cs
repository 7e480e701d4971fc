using System;
using System.Globalization;
using System.Linq;
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
        var ports = Worker.FreePorts(2);
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
        using var worker = Worker.Start(rank, ports, 30, "");
        var (exitCode, error) = await worker.WaitForExit(Timeout);
        Assert.True(exitCode == 0, $"worker {rank} failed: {error}");
        return worker.Output().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("score ", StringComparison.Ordinal))
            .Select(l => double.Parse(l["score ".Length..], CultureInfo.InvariantCulture))
            .ToArray();
    }
}
