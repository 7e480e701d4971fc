// LightGBM boosted with a loss written here, from the LossGen.LightGbm package alone (LossGen's generator comes
// with it, LightGBM's native library with the LightGBM package). Under-forecasting costs five times as much, so
// the model must learn to forecast above the middle of the noise.
using System;
using LossGen;
using LossGen.LightGbm;

const int rows = 2000, columns = 2;
var random = new Random(3);
var features = new float[rows * columns];
var labels = new float[rows];
for (var i = 0; i < rows; i++)
{
    features[i * columns] = (float)random.NextDouble();
    features[i * columns + 1] = (float)random.NextDouble();
    labels[i] = 10 * features[i * columns] + (float)(random.NextDouble() * 2 - 1);
}

using var training = LightGbmDataset.FromRows(features, rows, columns, labels);
var losses = new double[2];
using var booster = LightGbmBooster.Train(new Forecast.AsymmetricLoss(under: 5.0), training,
    new LightGbmOptions { Rounds = 60, LearningRate = 0.1 },
    progress: round => losses[round.Round == 1 ? 0 : 1] = round.TrainingLoss);

var forecast = booster.PredictRaw(features, rows);
var covered = 0;
for (var i = 0; i < rows; i++)
{
    if (forecast[i] >= labels[i]) covered++;
}

var share = covered / (double)rows;
Console.WriteLine($"training loss: round 1 {losses[0]:F4}, last round {losses[1]:F4}");
Console.WriteLine($"share of labels at or below the forecast: {share:F3} (a symmetric loss gives about 0.5)");
var ok = losses[1] < losses[0] && share > 0.6;
Console.WriteLine(ok ? "CONSUMER OK" : "CONSUMER FAILED");
return ok ? 0 : 1;

public static partial class Forecast
{
    [Loss]
    public static partial double Asymmetric(double prediction, double target, [Positive] double under = 5.0)
    {
        var r = prediction - target;
        return r < 0 ? under * r * r : r * r;
    }
}
