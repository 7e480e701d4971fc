// ML.NET's OnlineGradientDescent with a loss written here, from the LossGen.MLNet package alone (LossGen's
// generator comes with it). A linear target with gross outliers: the robust loss must find the line.
using System;
using System.Linq;
using LossGen;
using LossGen.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

var random = new Random(7);
var rows = Enumerable.Range(0, 2000).Select(i =>
{
    var x = (float)(random.NextDouble() * 4 - 2);
    var y = 3f * x + 0.5f + (float)(random.NextDouble() - 0.5) * 0.1f;
    return new Row { Features = [x], Label = i % 10 == 0 ? y + 20f : y };
}).ToArray();

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(rows);
var trainer = ml.Regression.Trainers.OnlineGradientDescent(
    lossFunction: new Robust.CauchyLoss(scale: 1.0).ToRegressionLoss(), numberOfIterations: 20);
var model = trainer.Fit(data);
var slope = model.Model.Weights[0];
Console.WriteLine($"learned slope {slope:F3} (true 3), bias {model.Model.Bias:F3} (true 0.5)");
var ok = Math.Abs(slope - 3) < 0.2 && Math.Abs(model.Model.Bias - 0.5) < 0.3;
Console.WriteLine(ok ? "CONSUMER OK" : "CONSUMER FAILED: the robust fit missed the line");
return ok ? 0 : 1;

public sealed class Row
{
    [VectorType(1)] public float[] Features { get; set; } = [];
    public float Label { get; set; }
}

public static partial class Robust
{
    [Loss]
    public static partial double Cauchy(double prediction, double target, [Positive] double scale = 1.0)
    {
        var r = (prediction - target) / scale;
        return LossMath.Log1p(r * r);
    }
}
