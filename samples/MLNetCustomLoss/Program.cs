using System;
using System.Collections.Generic;
using System.Linq;
using LossGen;
using LossGen.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

// Robust regression in ML.NET with LossGen losses: a linear target whose training labels carry gross outliers
// (a broken sensor reading high), fitted by OnlineGradientDescent with ML.NET's SquaredLoss, LossGen's Huber and
// LossGen's LogCosh, and scored by the mean absolute error on a clean held-out set.

const int TrainCount = 5000;
const int TestCount = 2000;
const double OutlierFraction = 0.1;
float[] trueWeights = [1.5f, -2f, 0.75f, 3f, -1f];
const float TrueBias = 0.5f;

var context = new MLContext(seed: 1);
Console.WriteLine($"Data: y = w·x + {TrueBias} + N(0, 0.1²), x uniform in [-1, 1]^{Row.Dimensions}; {TrainCount} training rows with " +
    $"{OutlierFraction:P0} of their labels raised by 10 to 30, {TestCount} clean held-out rows.");
var train = context.Data.LoadFromEnumerable(Rows(TrainCount, seed: 11, OutlierFraction));
var test = context.Data.LoadFromEnumerable(Rows(TestCount, seed: 12, outlierFraction: 0));

var candidates = new (string Name, IRegressionLoss Loss)[]
{
    ("ML.NET SquaredLoss", new SquaredLoss()),
    ("LossGen Huber (delta 1)", new Losses.HuberLoss<float>(delta: 1f).ToRegressionLoss()),
    ("LossGen LogCosh", new Losses.LogCoshLoss<float>().ToRegressionLoss()),
};

var results = new List<(string Name, double Mae, float Bias)>();
foreach (var (name, loss) in candidates)
{
    Console.Write($"Training with {name}... ");
    var model = context.Regression.Trainers.OnlineGradientDescent(new OnlineGradientDescentTrainer.Options
    {
        LossFunction = loss,
        NumberOfIterations = 20,
        LearningRate = 0.1f,
    }).Fit(train);
    var metrics = context.Regression.Evaluate(model.Transform(test));
    Console.WriteLine("done");
    results.Add((name, metrics.MeanAbsoluteError, model.Model.Bias));
}

Console.WriteLine();
Console.WriteLine($"| loss | MAE on the clean set | learned bias (true {TrueBias}) |");
Console.WriteLine("|---|---|---|");
foreach (var (name, mae, bias) in results)
{
    Console.WriteLine($"| {name} | {mae:F3} | {bias:F3} |");
}

IEnumerable<Row> Rows(int count, int seed, double outlierFraction)
{
    var random = new Random(seed);
    for (var i = 0; i < count; i++)
    {
        var x = Enumerable.Range(0, Row.Dimensions).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var y = TrueBias + x.Zip(trueWeights, (a, w) => a * w).Sum() + 0.1 * Normal(random);
        if (random.NextDouble() < outlierFraction)
        {
            y += 10 + 20 * random.NextDouble();
        }

        yield return new Row { Features = x, Label = (float)y };
    }
}

static double Normal(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

/// <summary>One example: the features and the label.</summary>
internal sealed class Row
{
    /// <summary>The label.</summary>
    public float Label { get; set; }

    /// <summary>How many features an example has.</summary>
    public const int Dimensions = 5;

    /// <summary>The features.</summary>
    [VectorType(Dimensions)]
    public float[] Features { get; set; } = [];
}
