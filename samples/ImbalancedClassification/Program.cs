// Logistic regression on a 1:50 imbalanced data set, trained with three LossGen losses: plain BCE with logits,
// BCE with the positives weighted by the imbalance (posWeight), and Focal. Reports the minority class's precision
// and recall at probability 0.5, and PR-AUC (average precision), on held-out data.
using System;
using System.Linq;
using LossGen;
using LossGen.Samples;

const int features = 8, trainRows = 40_000, testRows = 40_000;
const double positiveShare = 1.0 / 51;
var (trainX, trainY) = Generate(new Random(11), trainRows);
var (testX, testY) = Generate(new Random(12), testRows);
Console.WriteLine($"{trainRows} training rows, {trainY.Sum()} positive; {testRows} held-out rows, {testY.Sum()} positive");

var candidates = new (string Name, ILoss<double> Loss)[]
{
    ("BCE with logits", new Losses.BinaryCrossEntropyWithLogitsLoss<double>()),
    ("BCE, posWeight 50", new Losses.BinaryCrossEntropyWithLogitsLoss<double>(posWeight: 50)),
    ("Focal (α 0.75, γ 2)", new Losses.FocalLoss<double>(alpha: 0.75, gamma: 2)),
};

var results = candidates.Select(c =>
{
    Console.WriteLine($"training with {c.Name}");
    var model = new LinearModel(features);
    model.Fit(c.Loss, trainX, trainY, epochs: 400, learningRate: 0.05,
        progress: (epoch, loss) => Console.WriteLine($"  epoch {epoch,3}: mean loss {loss:F5}"));
    return (c.Name, Metrics: Evaluate(model.Predict(testX), testY));
}).ToList();

Console.WriteLine();
Console.WriteLine("| loss | precision | recall | PR-AUC |");
Console.WriteLine("|---|--:|--:|--:|");
foreach (var (name, (precision, recall, prAuc)) in results)
{
    Console.WriteLine($"| {name} | {precision:F3} | {recall:F3} | {prAuc:F4} |");
}

// Negatives around 0; positives shifted along the first four features, so the classes overlap.
static (double[] X, double[] Y) Generate(Random random, int rows)
{
    var x = new double[rows * features];
    var y = new double[rows];
    for (var i = 0; i < rows; i++)
    {
        y[i] = random.NextDouble() < positiveShare ? 1 : 0;
        for (var j = 0; j < features; j++)
        {
            x[i * features + j] = Gaussian(random) + (y[i] == 1 && j < 4 ? 1.1 : 0);
        }
    }

    return (x, y);
}

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

// Precision and recall of "logit > 0" (probability > 0.5), and average precision over the ranking by logit.
static (double Precision, double Recall, double PrAuc) Evaluate(double[] logits, double[] labels)
{
    int truePositives = 0, predictedPositives = 0, positives = 0;
    for (var i = 0; i < logits.Length; i++)
    {
        positives += labels[i] == 1 ? 1 : 0;
        if (logits[i] > 0)
        {
            predictedPositives++;
            truePositives += labels[i] == 1 ? 1 : 0;
        }
    }

    var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ToArray();
    double averagePrecision = 0, found = 0;
    for (var rank = 0; rank < order.Length; rank++)
    {
        if (labels[order[rank]] == 1)
        {
            found++;
            averagePrecision += found / (rank + 1);
        }
    }

    return (predictedPositives == 0 ? 0 : truePositives / (double)predictedPositives, truePositives / (double)positives, averagePrecision / positives);
}
