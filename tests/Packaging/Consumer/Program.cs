// A user's own loss and a built-in one, from the LossGen package alone. Each number is checked against a
// formula written here by hand, so the script that runs this only needs the final line.
using System;
using LossGen;

var failures = 0;
void Check(string what, double actual, double expected, double tolerance = 1e-12)
{
    var ok = Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected));
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:R} (expected {expected:R})");
    if (!ok) failures++;
}

// Under-forecasting costs `under` times as much as over-forecasting.
var cost = new Forecast.AsymmetricLoss(under: 5.0);
Check("own loss, value below", cost.Value(2.0, 3.0), 5.0 * 1.0 * 1.0);
Check("own loss, value above", cost.Value(3.0, 2.5), 0.25);
Check("own loss, derivative below", cost.Derivative(2.0, 3.0), 2.0 * 5.0 * (2.0 - 3.0));

double[] prediction = [0.5, 2.0, -1.0, 4.0];
double[] target = [1.0, 1.0, -3.0, 4.5];
var gradient = new double[prediction.Length];
var mean = cost.ValueAndGradient(prediction, target, gradient);
var expectedMean = 0.0;
for (var i = 0; i < prediction.Length; i++)
{
    var r = prediction[i] - target[i];
    expectedMean += (r < 0 ? 5.0 : 1.0) * r * r / prediction.Length;
    Check($"own loss, gradient[{i}]", gradient[i], 2.0 * (r < 0 ? 5.0 : 1.0) * r / prediction.Length);
}
Check("own loss, mean", mean, expectedMean);

var huber = new Losses.HuberLoss<float>(delta: 1f);
Check("built-in Huber, quadratic part", huber.Value(0.5f, 0f), 0.125, 1e-7);
Check("built-in Huber, linear part", huber.Value(3f, 0f), 2.5, 1e-7);
var bce = new Losses.BinaryCrossEntropyWithLogitsLoss<double>();
Check("built-in BCE with logits at 800", bce.Value(-800.0, 1.0), 800.0);

Console.WriteLine($"derivative: {Forecast.AsymmetricLoss.DerivativeFormula}");
try
{
    _ = new Forecast.AsymmetricLoss(under: -1.0);
    Console.WriteLine("FAIL [Positive] accepted -1");
    failures++;
}
catch (ArgumentOutOfRangeException e) when (e.ParamName == "under")
{
    Console.WriteLine("ok   [Positive] rejects under = -1");
}

Console.WriteLine(failures == 0 ? "CONSUMER OK" : $"CONSUMER FAILED: {failures}");
return failures == 0 ? 0 : 1;

public static partial class Forecast
{
    [Loss]
    public static partial double Asymmetric(double prediction, double target, [Positive] double under = 5.0)
    {
        var r = prediction - target;
        return r < 0 ? under * r * r : r * r;
    }
}
