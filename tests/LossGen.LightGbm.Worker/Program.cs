using System;
using System.Globalization;
using System.Linq;
using System.Net;
using LossGen.LightGbm;

namespace LossGen.LightGbm.Worker;

/// <summary>
/// One machine of a LightGBM data-parallel run, for the distributed test: joins the loopback network of the given
/// ports, trains on its shard of <see cref="SyntheticData"/> (every row whose index modulo the machine count is its
/// rank) with LossGen's Huber loss, and prints the model's raw scores on the held-out rows, one per line after
/// "score " (LightGBM writes its own log lines to the same output).
/// Usage: <c>LossGen.LightGbm.Worker RANK PORT0,PORT1,… ROUNDS</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] arguments)
    {
        var rank = int.Parse(arguments[0], CultureInfo.InvariantCulture);
        var ports = arguments[1].Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var rounds = int.Parse(arguments[2], CultureInfo.InvariantCulture);
        var data = SyntheticData.Create();
        var rows = Enumerable.Range(0, data.TrainingRows).Where(i => i % ports.Length == rank).ToArray();

        using var network = LightGbmNetwork.Join(ports.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToList(), ports[rank], TimeSpan.FromMinutes(1));
        using var shard = LightGbmDataset.FromRows(data.TrainingFeatures(rows), rows.Length, SyntheticData.Columns, data.TrainingLabels(rows), parameters: SyntheticData.DatasetParameters);
        var options = SyntheticData.Options with { Network = network, InitialScore = SyntheticData.InitialScore };
        using var booster = LightGbmBooster.Train(new Losses.HuberLoss<double>(delta: 1.0), shard, options);
        foreach (var score in booster.PredictRaw(data.TestFeatures, data.TestRows))
        {
            Console.Out.WriteLine("score " + score.ToString("R", CultureInfo.InvariantCulture));
        }

        return 0;
    }
}
