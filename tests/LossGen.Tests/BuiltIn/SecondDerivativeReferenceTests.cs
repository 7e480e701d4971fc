using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LossGen.Tests.Runtime;
using Xunit;

namespace LossGen.Tests.BuiltIn;

/// <summary>
/// Every case of <c>losses.json</c> with a <c>hessian_diagonal_of_sum</c> (PyTorch autograd, float64), reproduced by
/// the built-in or declared loss: SecondDerivative per element, and GradientAndHessian with Sum and Mean, unweighted
/// and weighted, in double (1e-9 relative + 1e-12 absolute) and in float (float tolerance).
/// </summary>
public class SecondDerivativeReferenceTests
{
    private const double DoubleRelative = 1e-9;
    private const double DoubleAbsolute = 1e-12;

    public static TheoryData<string> CasesWithHessian()
    {
        var data = new TheoryData<string>();
        foreach (var name in ReferenceData.Cases.Keys.Where(HasHessian).Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_case_without_a_Hessian_is_one_whose_loss_has_a_kink_or_a_clamp()
    {
        var without = ReferenceData.Cases.Keys.Where(n => !HasHessian(n)).Select(BuiltInReferenceTests.LossName).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "bce", "hinge", "l1", "quantile", "squared_hinge" }, without);
    }

    [Theory]
    [MemberData(nameof(CasesWithHessian))]
    public void Second_derivative_reproduces_the_reference_Hessian_in_double(string name) =>
        Reproduces<double>(name, DoubleRelative, DoubleAbsolute);

    [Theory]
    [MemberData(nameof(CasesWithHessian))]
    public void Second_derivative_reproduces_the_reference_Hessian_in_float(string name) =>
        Reproduces<float>(name, Near.FloatRelative, Near.FloatAbsolute);

    private static bool HasHessian(string name) => ReferenceData.Case(name).Number("hessian_diagonal_of_sum") is null &&
                                                   HasArray(ReferenceData.Case(name), "hessian_diagonal_of_sum");

    private static bool HasArray(ReferenceCase reference, string field)
    {
        try
        {
            return reference.Array(field).Length > 0;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }

    private static void Reproduces<T>(string name, double rel, double abs)
        where T : struct, IFloatingPointIeee754<T>
    {
        var reference = ReferenceData.Case(name);
        T[] p = To<T>(reference.Prediction), y = To<T>(reference.Target);
        var n = p.Length;

        // The file's sums carry the case's weights; per element, the Hessian and gradient are divided by them.
        var weighted = reference.Number("weighted_mean") is not null;
        var weight = weighted ? reference.Array("weight") : Enumerable.Range(0, n).Select(i => 0.25 + 0.5 * (i % 5)).ToArray();
        var hessian = reference.Array("hessian_diagonal_of_sum");
        var gradient = reference.GradientOfSum;
        if (weighted)
        {
            hessian = hessian.Zip(weight, (h, w) => h / w).ToArray();
            gradient = gradient.Zip(weight, (g, w) => g / w).ToArray();
        }

        var w = To<T>(weight);
        if (BuiltInReferenceTests.LossName(name) == "gaussian_nll")
        {
            var gaussian = BuiltInReferenceTests.CreateGaussianNll<T>(reference);
            var v = To<T>(reference.Array("variance"));
            CheckBatches(
                name, hessian, gradient, weight, rel, abs,
                i => gaussian.SecondDerivative(p[i], y[i], v[i]),
                (g, h, r) => gaussian.GradientAndHessian(p, y, v, g, h, r),
                (g, h, r) => gaussian.GradientAndHessian(p, y, w, v, g, h, r));
            return;
        }

        var loss = Twice<T>(reference);
        CheckBatches(
            name, hessian, gradient, weight, rel, abs,
            i => loss.SecondDerivative(p[i], y[i]),
            (g, h, r) => loss.GradientAndHessian(p, y, g, h, r),
            (g, h, r) => loss.GradientAndHessian(p, y, w, g, h, r));
    }

    private delegate void Batch<T>(T[] gradient, T[] hessian, Reduction reduction);

    private static void CheckBatches<T>(
        string name, double[] hessian, double[] gradient, double[] weight, double rel, double abs,
        Func<int, T> secondDerivative, Batch<T> unweighted, Batch<T> weightedBatch)
        where T : struct, IFloatingPointIeee754<T>
    {
        var n = hessian.Length;
        for (var i = 0; i < n; i++)
        {
            Near.Equal(hessian[i], double.CreateTruncating(secondDerivative(i)), rel, abs, $"{name}: SecondDerivative at element {i}");
        }

        T[] g = new T[n], h = new T[n];
        foreach (var (reduction, scale) in new[] { (Reduction.Sum, 1.0), (Reduction.Mean, 1.0 / n) })
        {
            Array.Fill(g, T.NaN);
            Array.Fill(h, T.NaN);
            unweighted(g, h, reduction);
            Near.Equal(Near.Scale(gradient, scale), ToDouble(g), rel, abs, $"{name}: GradientAndHessian({reduction}) gradient");
            Near.Equal(Near.Scale(hessian, scale), ToDouble(h), rel, abs, $"{name}: GradientAndHessian({reduction}) hessian");
        }

        foreach (var (reduction, scale) in new[] { (Reduction.Sum, 1.0), (Reduction.WeightedMean, 1.0 / weight.Sum()) })
        {
            Array.Fill(g, T.NaN);
            Array.Fill(h, T.NaN);
            weightedBatch(g, h, reduction);
            Near.Equal(gradient.Zip(weight, (d, wi) => d * wi * scale).ToArray(), ToDouble(g), rel, abs, $"{name}: GradientAndHessian(weighted, {reduction}) gradient");
            Near.Equal(hessian.Zip(weight, (d, wi) => d * wi * scale).ToArray(), ToDouble(h), rel, abs, $"{name}: GradientAndHessian(weighted, {reduction}) hessian");
        }
    }

    private static ITwiceDifferentiableLoss<T> Twice<T>(ReferenceCase reference)
        where T : struct, IFloatingPointIeee754<T>
    {
        ILoss<T> loss = reference.Name.StartsWith("custom/", StringComparison.Ordinal)
            ? (ILoss<T>)(object)(typeof(T) == typeof(double) ? ReferenceCaseTests.DoubleLoss(reference.Name) : ReferenceCaseTests.FloatLoss(reference.Name))
            : BuiltInReferenceTests.Create<T>(reference);
        return Assert.IsAssignableFrom<ITwiceDifferentiableLoss<T>>(loss);
    }

    private static T[] To<T>(double[] values)
        where T : struct, IFloatingPointIeee754<T> => Array.ConvertAll(values, T.CreateTruncating);

    private static double[] ToDouble<T>(T[] values)
        where T : struct, IFloatingPointIeee754<T> => Array.ConvertAll(values, double.CreateTruncating);
}
