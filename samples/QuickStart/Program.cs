using System;
using LossGen;

var loss = new MyLosses.CauchyLoss(scale: 2.0);
double[] prediction = [0.5, -1.25, 3.0, 2.0];
double[] target = [0.0, -1.0, 1.0, 2.5];
var gradient = new double[prediction.Length];

var mean = loss.ValueAndGradient(prediction, target, gradient);

Console.WriteLine($"Cauchy loss:       {MyLosses.CauchyLoss.Formula}");
Console.WriteLine($"its derivative:    {MyLosses.CauchyLoss.DerivativeFormula}");
Console.WriteLine($"mean loss:         {mean:F6}");
Console.WriteLine($"gradient of mean:  [{string.Join(", ", Array.ConvertAll(gradient, g => g.ToString("F6")))}]");
Console.WriteLine($"one element:       ℓ(3, 1) = {loss.Value(3.0, 1.0):F6}, ∂ℓ/∂p = {loss.Derivative(3.0, 1.0):F6}");

public static partial class MyLosses
{
    [Loss]
    public static partial double Cauchy(double prediction, double target, [Positive] double scale = 2.0)
    {
        var r = (prediction - target) / scale;
        return LossMath.Log1p(r * r);
    }
}
