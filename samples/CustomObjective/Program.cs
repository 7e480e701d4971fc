// A domain-specific loss in a few lines: forecasting demand where running out of stock (under-forecasting) costs
// five times as much per unit as holding too much. LossGen derives its gradient; a linear forecast trained with it
// is compared with one trained with MSE, under the business's own cost.
using System;
using System.Linq;
using LossGen;
using LossGen.Samples;

Console.WriteLine($"loss:       {Inventory.StockoutCostLoss.Formula}");
Console.WriteLine($"derivative: {Inventory.StockoutCostLoss.DerivativeFormula}");

const int features = 3, trainRows = 20_000, testRows = 20_000;
var (trainX, trainY) = Generate(new Random(31), trainRows);
var (testX, testY) = Generate(new Random(32), testRows);
var cost = new Inventory.StockoutCostLoss(under: 5.0);

var fits = new (string Name, ILoss<double> Loss)[]
{
    ("MSE", new Losses.MeanSquaredErrorLoss<double>()),
    ("StockoutCost (under 5)", cost),
};
Console.WriteLine();
Console.WriteLine("| trained with | held-out cost per item | share of items under-forecast |");
Console.WriteLine("|---|--:|--:|");
foreach (var (name, loss) in fits)
{
    var model = new LinearModel(features);
    model.Fit(loss, trainX, trainY, epochs: 1500, learningRate: 0.1);
    var forecast = model.Predict(testX);
    var underShare = forecast.Zip(testY).Count(p => p.First < p.Second) / (double)testRows;
    Console.WriteLine($"| {name} | {cost.Value(forecast, testY):F4} | {underShare:F3} |");
}

Console.WriteLine();
Console.WriteLine("The cost is lowest when 1 in 6 items is under-forecast (5 / (5 + 1) of demand covered); MSE aims at the middle.");

// Demand of one item: a base level, three drivers (price, promotion, season) and noise.
static (double[] X, double[] Y) Generate(Random random, int rows)
{
    var x = new double[rows * features];
    var y = new double[rows];
    for (var i = 0; i < rows; i++)
    {
        x[i * features] = random.NextDouble();
        x[i * features + 1] = random.NextDouble() < 0.2 ? 1 : 0;
        x[i * features + 2] = Math.Sin(2 * Math.PI * random.NextDouble());
        var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        y[i] = 20 - 6 * x[i * features] + 8 * x[i * features + 1] + 4 * x[i * features + 2] + 3 * noise;
    }

    return (x, y);
}

public static partial class Inventory
{
    /// <summary>Cost of forecasting <paramref name="forecast"/> units when <paramref name="demand"/> arrive.</summary>
    [Loss]
    public static partial double StockoutCost(double forecast, double demand, [Positive] double under = 5.0)
    {
        var shortfall = demand - forecast;
        return shortfall > 0 ? under * shortfall : -shortfall;
    }
}
