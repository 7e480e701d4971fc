using System;
using System.Linq;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// Vector kernels compute a costly side of a selection only when some lane of the vector takes it (Focal's soft-label
/// log). Each lane must still get its own value: a soft label among hard ones at every lane position, vectors of hard
/// labels only (the side skipped), of soft labels only, in float and double, for every batch call that runs a kernel.
/// </summary>
public class UntakenBranchTests
{
    /// <summary>Targets: 64 hard labels, then eight blocks of 16 hard labels with one soft label at lane k, then 32 soft ones.</summary>
    private static (double[] Logit, double[] Target) Inputs()
    {
        var random = new Random(11);
        var target = Enumerable.Range(0, 64).Select(_ => (double)random.Next(2)).ToList();
        for (var k = 0; k < 16; k++)
        {
            target.AddRange(Enumerable.Range(0, 16).Select(i => i == k ? 0.05 + (0.9 * random.NextDouble()) : random.Next(2)));
        }

        target.AddRange(Enumerable.Range(0, 32).Select(_ => random.NextDouble()));
        var logit = target.Select(_ => 8 * random.NextDouble() - 4).ToArray();
        return (logit, target.ToArray());
    }

    [Fact]
    public void Focal_gives_each_lane_its_own_value_whether_its_neighbours_are_hard_or_soft_labels_double()
    {
        var (p, y) = Inputs();
        Check(new Losses.FocalLoss<double>(alpha: 0.3, gamma: 1.5), p, y, 1e-13);
    }

    [Fact]
    public void Focal_gives_each_lane_its_own_value_whether_its_neighbours_are_hard_or_soft_labels_float()
    {
        var (pd, yd) = Inputs();
        Check(new Losses.FocalLoss<float>(alpha: 0.3f, gamma: 1.5f), pd.Select(v => (float)v).ToArray(), yd.Select(v => (float)v).ToArray(), 2e-6f);
    }

    private static void Check<T>(Losses.FocalLoss<T> loss, T[] p, T[] y, T tolerance)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var n = p.Length;
        var values = new T[n];
        var gradient = new T[n];
        var fusedGradient = new T[n];
        var hessianGradient = new T[n];
        var hessian = new T[n];
        loss.Values(p, y, values);
        loss.Gradient(p, y, gradient, Reduction.Sum);
        var sum = loss.ValueAndGradient(p, y, fusedGradient, Reduction.Sum);
        loss.GradientAndHessian(p, y, hessianGradient, hessian, Reduction.Sum);
        var expectedSum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var value = loss.Value(p[i], y[i]);
            var derivative = loss.Derivative(p[i], y[i]);
            var second = loss.SecondDerivative(p[i], y[i]);
            expectedSum += double.CreateTruncating(value);
            Close(value, values[i], tolerance, $"value[{i}], target {y[i]}");
            Close(derivative, gradient[i], tolerance, $"gradient[{i}], target {y[i]}");
            Close(derivative, fusedGradient[i], tolerance, $"ValueAndGradient's gradient[{i}], target {y[i]}");
            Close(derivative, hessianGradient[i], tolerance, $"GradientAndHessian's gradient[{i}], target {y[i]}");
            Close(second, hessian[i], tolerance, $"hessian[{i}], target {y[i]}");
        }

        Near.Equal(expectedSum, double.CreateTruncating(sum), 1e-5, 1e-300, "sum");
    }

    private static void Close<T>(T expected, T actual, T tolerance, string what)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var scale = T.Max(T.One, T.Abs(expected));
        Assert.True(T.Abs(actual - expected) <= tolerance * scale, $"{what}: expected {expected}, got {actual}");
    }
}
