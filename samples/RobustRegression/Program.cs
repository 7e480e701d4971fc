// Linear regression whose training targets have 10% gross outliers, fitted with MSE, Huber and LogCosh; each
// model is scored on a clean held-out set. Then one table evaluates six losses on the same held-out predictions.
using System;
using System.Linq;
using LossGen;
using LossGen.Samples;

const int features = 5, trainRows = 20_000, testRows = 20_000;
double[] trueWeights = [1.5, -2.0, 0.7, 0.0, 3.0];
const double trueBias = 0.5;
var (trainX, trainY) = Generate(new Random(21), trainRows, outlierShare: 0.10);
var (testX, testY) = Generate(new Random(22), testRows, outlierShare: 0);
Console.WriteLine($"{trainRows} training rows, 10% with the target raised by 10 to 30; {testRows} clean held-out rows");

var fits = new (string Name, ILoss<double> Loss)[]
{
    ("MSE", new Losses.MeanSquaredErrorLoss<double>()),
    ("Huber (δ 1)", new Losses.HuberLoss<double>(delta: 1)),
    ("LogCosh", new Losses.LogCoshLoss<double>()),
};

var models = fits.Select(f =>
{
    Console.WriteLine($"fitting with {f.Name}");
    var model = new LinearModel(features);
    model.Fit(f.Loss, trainX, trainY, epochs: 600, learningRate: 0.05,
        progress: (epoch, loss) => Console.WriteLine($"  epoch {epoch,3}: training loss {loss:F4}"));
    return (f.Name, Model: model, Predictions: model.Predict(testX));
}).ToList();

Console.WriteLine();
Console.WriteLine($"true weights [{string.Join(", ", trueWeights.Select(w => w.ToString("F2")))}], bias {trueBias:F2}");
Console.WriteLine("| fitted with | held-out MAE | held-out RMSE | weights | bias |");
Console.WriteLine("|---|--:|--:|---|--:|");
var mse = new Losses.MeanSquaredErrorLoss<double>();
var mae = new Losses.MeanAbsoluteErrorLoss<double>();
foreach (var (name, model, predictions) in models)
{
    var weights = string.Join(", ", model.Weights.ToArray().Select(w => w.ToString("F2")));
    Console.WriteLine($"| {name} | {mae.Value(predictions, testY):F4} | {Math.Sqrt(mse.Value(predictions, testY)):F4} | [{weights}] | {model.Bias:F2} |");
}

// The same predictions under several losses: how each loss ranks the three models.
var judges = new (string Name, ILoss<double> Loss)[]
{
    ("MSE", mse),
    ("MAE", mae),
    ("Huber δ 1", new Losses.HuberLoss<double>(delta: 1)),
    ("SmoothL1 β 1", new Losses.SmoothL1Loss<double>(beta: 1)),
    ("LogCosh", new Losses.LogCoshLoss<double>()),
    ("Quantile τ 0.9", new Losses.QuantileLoss<double>(tau: 0.9)),
};
Console.WriteLine();
Console.WriteLine("mean loss of each model's held-out predictions:");
Console.WriteLine($"| fitted with | {string.Join(" | ", judges.Select(j => j.Name))} |");
Console.WriteLine($"|---|{string.Concat(judges.Select(_ => "--:|"))}");
foreach (var (name, _, predictions) in models)
{
    Console.WriteLine($"| {name} | {string.Join(" | ", judges.Select(j => j.Loss.Value(predictions, testY).ToString("F4")))} |");
}

(double[] X, double[] Y) Generate(Random random, int rows, double outlierShare)
{
    var x = new double[rows * features];
    var y = new double[rows];
    for (var i = 0; i < rows; i++)
    {
        y[i] = trueBias + 0.3 * Gaussian(random);
        for (var j = 0; j < features; j++)
        {
            x[i * features + j] = Gaussian(random);
            y[i] += trueWeights[j] * x[i * features + j];
        }

        if (random.NextDouble() < outlierShare)
        {
            y[i] += 10 + 20 * random.NextDouble();
        }
    }

    return (x, y);
}

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
