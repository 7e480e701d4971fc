using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using LossGen.LightGbm;

namespace LossGen.LightGbm.Worker;

/// <summary>
/// One machine of a LightGBM data-parallel run, for the distributed test: joins the loopback network of the given
/// ports, trains on its shard of <see cref="SyntheticData"/> (every row whose index modulo the machine count is its
/// rank) with LossGen's Huber loss, and prints the model's raw scores on the held-out rows, one per line after
/// "score " (LightGBM writes its own log lines to the same output).
/// Usage: <c>LossGen.LightGbm.Worker RANK PORT0,PORT1,… ROUNDS [slow|nan] [TIMEOUT_SECONDS]</c>: <c>slow</c> prints
/// "round N" after each round and waits 100 ms (so that a test can kill a machine mid-training), <c>nan</c> makes this
/// machine's eighth label NaN (so that its derivatives are not finite in round 1); the network timeout is a minute unless
/// given.
/// </summary>
public static class Program
{
    public static int Main(string[] arguments)
    {
        var rank = int.Parse(arguments[0], CultureInfo.InvariantCulture);
        var ports = arguments[1].Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var rounds = int.Parse(arguments[2], CultureInfo.InvariantCulture);
        var mode = arguments.Length > 3 ? arguments[3] : "";
        var timeout = TimeSpan.FromSeconds(arguments.Length > 4 ? int.Parse(arguments[4], CultureInfo.InvariantCulture) : 60);
        var data = SyntheticData.Create();
        var rows = Enumerable.Range(0, data.TrainingRows).Where(i => i % ports.Length == rank).ToArray();
        var labels = data.TrainingLabels(rows);
        if (mode == "nan")
        {
            labels[7] = float.NaN;
        }

        Action<BoostingRound>? progress = mode != "slow" ? null : round =>
        {
            Console.Out.WriteLine("round " + round.Round.ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
            Thread.Sleep(100);
        };

        using var network = LightGbmNetwork.Join(ports.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToList(), ports[rank], timeout);
        using var shard = LightGbmDataset.FromRows(data.TrainingFeatures(rows), rows.Length, SyntheticData.Columns, labels, parameters: SyntheticData.DatasetParameters);
        var options = SyntheticData.Options with { Network = network, InitialScore = SyntheticData.InitialScore, Rounds = rounds };
        using var booster = LightGbmBooster.Train(new Losses.HuberLoss<double>(delta: 1.0), shard, options, progress: progress);
        foreach (var score in booster.PredictRaw(data.TestFeatures, data.TestRows))
        {
            Console.Out.WriteLine("score " + score.ToString("R", CultureInfo.InvariantCulture));
        }

        return 0;
    }
}
