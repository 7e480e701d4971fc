using System;
using System.Linq;
using LossGen;
using LossGen.LightGbm;

// Gradient boosting with LossGen objectives, against LightGBM's own on the same data and trees:
//  1. an imbalanced binary task (1 positive in 50) with Focal loss, against LightGBM's "binary" (log loss);
//  2. a P90 forecast with a quantile loss written here as a [Loss], against LightGBM's "quantile".
// Fixed seeds; every number below is reproduced by `dotnet run --project samples/LightGbmCustomObjective -c Release`.

const int Columns = 8;
var options = new LightGbmOptions { Rounds = 200, LearningRate = 0.05, Leaves = 15, MinDataInLeaf = 40 };

var (trainX, trainY) = Classification(new Random(1), 30_000);
var (testX, testY) = Classification(new Random(2), 20_000);
Console.WriteLine($"1. Imbalanced classification: {trainY.Length} training rows, {trainY.Count(y => y > 0)} positive (1 in {trainY.Length / trainY.Count(y => y > 0)})");
using (var train = LightGbmDataset.FromRows(trainX, trainY.Length, Columns, trainY))
using (var test = LightGbmDataset.FromRows(testX, testY.Length, Columns, testY, reference: train))
{
    var focal = new Losses.FocalLoss<double>(alpha: 0.25, gamma: 2);
    using var withFocal = LightGbmBooster.Train(focal, train, options, test, Progress("focal"));
    using var builtIn = LightGbmBooster.TrainBuiltIn("binary", train, options);
    Console.WriteLine();
    Console.WriteLine("   objective              | PR-AUC (held out) | recall at precision ≥ 0.5");
    Report("LossGen Focal(0.25, 2)", withFocal.PredictRaw(testX, testY.Length), testY);
    Report("LightGBM binary", builtIn.PredictRaw(testX, testY.Length), testY);
}

Console.WriteLine();
Console.WriteLine("2. P90 forecast: 30 000 training rows, heteroscedastic noise");
var (demandX, demandY) = Demand(new Random(3), 30_000);
var (heldX, heldY) = Demand(new Random(4), 20_000);
using (var train = LightGbmDataset.FromRows(demandX, demandY.Length, Columns, demandY))
using (var test = LightGbmDataset.FromRows(heldX, heldY.Length, Columns, heldY, reference: train))
{
    // The pinball loss has no curvature: a constant one makes each leaf a gradient step, as LightGBM's own quantile does.
    var quantileOptions = options with { Curvature = Curvature.Constant(1), LearningRate = 0.5 };
    using var withLossGen = LightGbmBooster.Train(new Forecast.P90Loss(), train, quantileOptions, test, Progress("P90"));
    using var builtIn = LightGbmBooster.TrainBuiltIn("quantile alpha=0.9", train, quantileOptions);
    Console.WriteLine();
    Console.WriteLine("   objective              | pinball loss (held out) | share of demand ≤ forecast");
    Pinball("LossGen P90 [Loss]", withLossGen.PredictRaw(heldX, heldY.Length), heldY);
    Pinball("LightGBM quantile 0.9", builtIn.PredictRaw(heldX, heldY.Length), heldY);
}

static Action<BoostingRound> Progress(string name) => round =>
{
    if (round.Round % 50 == 0)
    {
        Console.WriteLine($"   {name}: round {round.Round,3}: training loss {round.TrainingLoss:F5}, held-out loss {round.ValidationLoss:F5}");
    }
};

static void Report(string name, double[] scores, float[] labels)
{
    var ranked = scores.Zip(labels).OrderByDescending(x => x.First).ToArray();
    var positives = labels.Count(y => y > 0);
    double truePositives = 0, averagePrecision = 0, bestRecall = 0;
    for (var i = 0; i < ranked.Length; i++)
    {
        if (ranked[i].Second > 0)
        {
            truePositives++;
            averagePrecision += truePositives / (i + 1);
        }

        if (truePositives / (i + 1) >= 0.5)
        {
            bestRecall = Math.Max(bestRecall, truePositives / positives);
        }
    }

    Console.WriteLine($"   {name,-22} | {averagePrecision / positives,17:F4} | {bestRecall,10:F4}");
}

static void Pinball(string name, double[] forecast, float[] demand)
{
    var loss = forecast.Zip(demand, (f, d) => d >= f ? 0.9 * (d - f) : 0.1 * (f - d)).Average();
    var covered = forecast.Zip(demand, (f, d) => d <= f ? 1.0 : 0.0).Average();
    Console.WriteLine($"   {name,-22} | {loss,23:F4} | {covered,10:F4}");
}

// Positives where a hidden score is high: two interacting features and a threshold at about its 98th percentile.
static (float[] Features, float[] Labels) Classification(Random random, int rows)
{
    var x = new float[rows * Columns];
    var y = new float[rows];
    for (var i = 0; i < rows; i++)
    {
        for (var j = 0; j < Columns; j++)
        {
            x[i * Columns + j] = (float)Normal(random);
        }

        var score = 1.5 * x[i * Columns] * x[i * Columns + 1] + x[i * Columns + 2] - 0.5 * x[i * Columns + 3] + 0.8 * Normal(random);
        y[i] = score > 4.38 ? 1 : 0;
    }

    return (x, y);
}

// Demand with noise that grows with feature 0, so the P90 is far from the mean where it matters.
static (float[] Features, float[] Labels) Demand(Random random, int rows)
{
    var x = new float[rows * Columns];
    var y = new float[rows];
    for (var i = 0; i < rows; i++)
    {
        for (var j = 0; j < Columns; j++)
        {
            x[i * Columns + j] = (float)random.NextDouble();
        }

        var mean = 10 + 5 * Math.Sin(6 * x[i * Columns + 1]) + 4 * x[i * Columns + 2];
        y[i] = (float)(mean + (0.5 + 4 * x[i * Columns]) * Normal(random));
    }

    return (x, y);
}

static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

/// <summary>The sample's own objective, generated by LossGen like any user's.</summary>
public static partial class Forecast
{
    /// <summary>Pinball loss at the 90th percentile: under-forecasting costs nine times over-forecasting.</summary>
    /// <param name="prediction">The forecast.</param>
    /// <param name="target">The demand.</param>
    /// <returns>The loss.</returns>
    [Loss]
    public static partial double P90(double prediction, double target) =>
        target >= prediction ? 0.9 * (target - prediction) : 0.1 * (prediction - target);
}
