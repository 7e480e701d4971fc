using System;
using System.Linq;
using LossGen.Tests.Runtime;
using Xunit;

namespace LossGen.Tests.Rows;

/// <summary>
/// The generated row-wise code beyond the reference cases: its gradient against central differences, every row length
/// (the vector loops, their overlapping last vector, the scalar loop of short rows) against the plain scalar row
/// functions of <see cref="LossMath"/>, extreme logits, and the options' edge cases.
/// </summary>
public class RowBehaviourTests
{
    private static readonly int[] Lengths = Enumerable.Range(1, 40).Concat(new[] { 63, 64, 65, 100, 257, 1000 }).ToArray();

    private static readonly string[] Names =
    {
        "SoftmaxCrossEntropy", "SoftmaxCrossEntropy(smoothing, weights)", "SoftTargetCrossEntropy", "KLDivergence", "MultiClassHinge",
        "CategoricalFocal", "CategoricalFocal(gamma 0.5)", "MaxMargin", "TemperedCrossEntropy", "NestedReductions",
        "NestedReductions(weights)", "StackedReductions",
    };

    public static TheoryData<string> LossNames() => new(Names);

    /// <summary>Each loss of <see cref="LossNames"/> on one row, as a value and a gradient, with the target it takes.</summary>
    private static (Func<double[], double> Value, Action<double[], double[]> Gradient) Loss(string name, double[] targetRow, int target, int classes)
    {
        var weights = Enumerable.Range(0, classes).Select(c => 0.5 + 0.1 * (c % 7)).ToArray();
        IClassIndexLoss<double>? classIndex = name switch
        {
            "SoftmaxCrossEntropy" => new Losses.SoftmaxCrossEntropyLoss<double>(),
            "SoftmaxCrossEntropy(smoothing, weights)" => new Losses.SoftmaxCrossEntropyLoss<double>(0.2) { ClassWeights = weights },
            "MultiClassHinge" => new Losses.MultiClassHingeLoss<double>(),
            "CategoricalFocal" => new Losses.CategoricalFocalLoss<double>(),
            "CategoricalFocal(gamma 0.5)" => new Losses.CategoricalFocalLoss<double>(0.5, 0.5),
            "MaxMargin" => new TestRowLosses.MaxMarginLoss(),
            "TemperedCrossEntropy" => new TestRowLosses.TemperedCrossEntropyLoss<double>(),
            "NestedReductions" => new TestRowLosses.NestedReductionsLoss<double>(),
            "NestedReductions(weights)" => new TestRowLosses.NestedReductionsLoss<double>(0.3) { ClassWeights = weights },
            "StackedReductions" => new TestRowLosses.StackedReductionsLoss(),
            _ => null,
        };
        if (classIndex is not null)
        {
            return (row => classIndex.Value(row, target), (row, gradient) => classIndex.Gradient(row, target, gradient));
        }

        IRowTargetLoss<double> rowTarget = name == "KLDivergence" ? new Losses.KLDivergenceLoss<double>() : new Losses.SoftTargetCrossEntropyLoss<double>();
        return (row => rowTarget.Value(row, targetRow), (row, gradient) => rowTarget.Gradient(row, targetRow, gradient));
    }

    [Fact]
    public void Finite_difference_cases_cover_every_row_wise_built_in()
    {
        var covered = Names.Select(name => name.Split('(')[0]).ToHashSet(StringComparer.Ordinal);
        var rowLosses = typeof(Losses).GetNestedTypes()
            .Where(t => t.GetInterfaces().Any(i => i.Name is "IClassIndexLoss`1" or "IRowTargetLoss`1"))
            .Select(t => t.Name[..^"Loss`1".Length]);
        Assert.All(rowLosses, name => Assert.Contains(name, covered));
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Gradient_matches_central_differences_for_every_row_length(string name)
    {
        var random = new Random(8);
        foreach (var classes in Lengths.Where(l => l <= 100))
        {
            var row = Enumerable.Range(0, classes).Select(_ => random.NextDouble() * 6 - 3).ToArray();
            var probabilities = Softmax(Enumerable.Range(0, classes).Select(_ => random.NextDouble() * 4 - 2).ToArray());
            var target = random.Next(classes);
            var (value, gradient) = Loss(name, probabilities, target, classes);
            var analytic = new double[classes];
            gradient(row, analytic);
            for (var j = 0; j < classes; j++)
            {
                var h = 1e-5;
                var plus = (double[])row.Clone();
                var minus = (double[])row.Clone();
                plus[j] += h;
                minus[j] -= h;
                var numeric = (value(plus) - value(minus)) / (2 * h);
                if (name == "MultiClassHinge" && row.Any(x => Math.Abs(1 - row[target] + x) < 1e-3) || name == "MaxMargin" && classes > 1 && IsNearTie(row))
                {
                    continue;
                }

                Near.Equal(numeric, analytic[j], 1e-6, 1e-8, $"{name}, {classes} classes, ∂ℓ/∂x[{j}] (target {target})");
            }
        }
    }

    [Fact]
    public void Softmax_cross_entropy_batch_matches_the_plain_row_functions_for_every_row_length()
    {
        var random = new Random(3);
        var loss = new Losses.SoftmaxCrossEntropyLoss<double>();
        var single = new Losses.SoftmaxCrossEntropyLoss<float>();
        foreach (var classes in Lengths)
        {
            const int rows = 3;
            var logits = Enumerable.Range(0, rows * classes).Select(_ => random.NextDouble() * 20 - 10).ToArray();
            var target = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
            var values = new double[rows];
            var gradient = new double[logits.Length];
            loss.Values(logits, target, classes, values);
            loss.Gradient(logits, target, classes, gradient, Reduction.Sum);
            var floatValues = new float[rows];
            var floatGradient = new float[logits.Length];
            single.Values(Near.ToFloat(logits), target, classes, floatValues);
            single.Gradient(Near.ToFloat(logits), target, classes, floatGradient, Reduction.Sum);
            for (var n = 0; n < rows; n++)
            {
                var row = logits.AsSpan(n * classes, classes);
                var lse = LossMath.LogSumExp<double>(row);
                Near.Equal(lse - row[target[n]], values[n], 1e-13, 1e-14, $"{classes} classes, row {n}");
                Near.Equal(lse - row[target[n]], floatValues[n], 1e-5, 1e-5, $"float, {classes} classes, row {n}");
                for (var j = 0; j < classes; j++)
                {
                    var expected = Math.Exp(row[j] - lse) - (j == target[n] ? 1 : 0);
                    Near.Equal(expected, gradient[n * classes + j], 1e-13, 1e-15, $"{classes} classes, row {n}, class {j}");
                    Near.Equal(expected, floatGradient[n * classes + j], 1e-5, 1e-6, $"float, {classes} classes, row {n}, class {j}");
                }
            }
        }
    }

    /// <summary>
    /// A gradient call's loss is the value call's, bit for bit, at every row length (plain and weighted): the gradient's
    /// pass reads back the exponentials its log-sum-exp stored, and that pass sums them exactly as the value's does.
    /// </summary>
    [Fact]
    public void The_loss_of_a_gradient_call_is_the_value_calls_bit_for_bit()
    {
        var random = new Random(5);
        foreach (var classes in Lengths)
        {
            const int rows = 3;
            var logits = Enumerable.Range(0, rows * classes).Select(_ => random.NextDouble() * 20 - 10).ToArray();
            var target = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
            var targetRows = Enumerable.Range(0, rows * classes).Select(_ => random.NextDouble()).ToArray();
            var weight = Enumerable.Range(0, rows).Select(_ => random.NextDouble() + 0.5).ToArray();
            var gradient = new double[logits.Length];
            var classWeights = Enumerable.Range(0, classes).Select(c => 0.5 + 0.1 * (c % 7)).ToArray();
            IClassIndexLoss<double>[] classIndex =
            [
                new Losses.SoftmaxCrossEntropyLoss<double>(), new Losses.SoftmaxCrossEntropyLoss<double>(0.2) { ClassWeights = classWeights },
                new Losses.CategoricalFocalLoss<double>(), new TestRowLosses.NestedReductionsLoss<double>(0.3) { ClassWeights = classWeights },
            ];
            foreach (var loss in classIndex)
            {
                Assert.Equal(loss.Value(logits, target, classes, Reduction.Sum), loss.ValueAndGradient(logits, target, classes, gradient, Reduction.Sum));
                Assert.Equal(loss.Value(logits, target, weight, classes, Reduction.Mean), loss.ValueAndGradient(logits, target, weight, classes, gradient, Reduction.Mean));
            }

            var soft = new Losses.SoftTargetCrossEntropyLoss<double>();
            Assert.Equal(soft.Value(logits, targetRows, classes, Reduction.Sum), soft.ValueAndGradient(logits, targetRows, classes, gradient, Reduction.Sum));
        }
    }

    [Theory]
    [InlineData(1e4)]
    [InlineData(1e30)]
    public void Extreme_logits_give_finite_losses_and_gradients_in_float(double scale)
    {
        var logits = new[] { (float)scale, (float)-scale, 0f, (float)scale, 1f, (float)-scale, (float)scale, (float)scale, (float)scale };
        var target = new[] { 1, 0, 2 };
        var gradient = new float[logits.Length];
        foreach (var loss in new IClassIndexLoss<float>[] { new Losses.SoftmaxCrossEntropyLoss<float>(0.1f), new Losses.CategoricalFocalLoss<float>(), new Losses.MultiClassHingeLoss<float>() })
        {
            var value = loss.ValueAndGradient(logits, target, 3, gradient, Reduction.Sum);
            Assert.True(float.IsFinite(value), $"{loss.GetType().Name}: {value}");
            Assert.All(gradient, g => Assert.True(float.IsFinite(g), $"{loss.GetType().Name}: gradient {g}"));
        }
    }

    /// <summary>
    /// Issue 19: without label smoothing, finite logits whose loss overflows give +∞, not NaN (the smoothing term was
    /// computed and multiplied by 0: lse·Σw = ∞), and the gradient stays softmax − one-hot.
    /// </summary>
    [Fact]
    public void Cross_entropy_without_smoothing_of_huge_finite_logits_is_infinite_not_NaN()
    {
        var logits = new[] { 1e308, -1e308, 0.0 };
        var loss = new Losses.SoftmaxCrossEntropyLoss<double>();
        Assert.Equal(double.PositiveInfinity, loss.Value(logits, 1));
        var gradient = new double[3];
        Assert.Equal(double.PositiveInfinity, loss.ValueAndGradient(logits, new[] { 1 }, 3, gradient, Reduction.Sum));
        Assert.Equal(new[] { 1.0, -1.0, 0.0 }, gradient);

        var floatLogits = new[] { 3e38f, -3e38f, 0f };
        Assert.Equal(float.PositiveInfinity, new Losses.SoftmaxCrossEntropyLoss<float>().Value(floatLogits, 1));

        // A loss that does not overflow stays finite: 1e308 − 0 at target 2.
        Assert.Equal(1e308, loss.Value(logits, 2));
    }

    /// <summary>
    /// Issue 19: label smoothing over large, close logits. The smoothing term was lse·Σw − Σⱼ wⱼ·xⱼ, two products of the
    /// logits' size whose difference cancels; the reference is computed from the offsets δⱼ = xⱼ − x₀ alone (exact here),
    /// where cross-entropy, shift-invariant, is well conditioned: L = log Σₖ e^δₖ, ℓ = (1 − ε)·w[y]·(L − δ[y]) +
    /// ε/C·Σⱼ wⱼ·(L − δⱼ), ∂ℓ/∂xⱼ = (1 − ε)·w[y]·(pⱼ − [j = y]) + ε/C·(Σw·pⱼ − wⱼ) with pⱼ = e^(δⱼ − L).
    /// </summary>
    [Theory]
    [InlineData(1e8, false)]
    [InlineData(3e4, true)]
    public void Smoothed_weighted_cross_entropy_of_large_close_logits_matches_the_shifted_reference(double offset, bool single)
    {
        const double smoothing = 0.1;
        double[] shifts = { 0, -0.5, 1.25, 0.75, -1, 2, 0.25 };
        var weights = shifts.Select((_, j) => 0.5 + 0.25 * j).ToArray();
        var classes = shifts.Length;
        var (relative, absolute) = single ? (1e-5, 1e-7) : (1e-12, 1e-15);
        for (var target = 0; target < classes; target++)
        {
            var logSum = Math.Log(shifts.Sum(Math.Exp));
            var p = shifts.Select(d => Math.Exp(d - logSum)).ToArray();
            var expected = (1 - smoothing) * weights[target] * (logSum - shifts[target])
                + smoothing / classes * shifts.Select((d, j) => weights[j] * (logSum - d)).Sum();
            var expectedGradient = p.Select((pj, j) =>
                (1 - smoothing) * weights[target] * (pj - (j == target ? 1 : 0)) + smoothing / classes * (weights.Sum() * pj - weights[j])).ToArray();

            var logits = shifts.Select(d => offset + d).ToArray();
            var what = $"{(single ? "float" : "double")} logits ≈ {offset:R}, target {target}";
            if (single)
            {
                var loss = new Losses.SoftmaxCrossEntropyLoss<float>((float)smoothing) { ClassWeights = Near.ToFloat(weights) };
                var gradient = new float[classes];
                Near.Equal(expected, loss.ValueAndGradient(Near.ToFloat(logits), new[] { target }, classes, gradient, Reduction.Sum), relative, 0, what);
                Near.Equal(expectedGradient, gradient, relative, absolute, what + ", gradient");
            }
            else
            {
                var loss = new Losses.SoftmaxCrossEntropyLoss<double>(smoothing) { ClassWeights = weights };
                var gradient = new double[classes];
                Near.Equal(expected, loss.ValueAndGradient(logits, new[] { target }, classes, gradient, Reduction.Sum), relative, 0, what);
                Near.Equal(expectedGradient, gradient, relative, absolute, what + ", gradient");
            }
        }
    }

    [Fact]
    public void Max_splits_its_gradient_evenly_between_tied_maxima()
    {
        var gradient = new double[5];
        new TestRowLosses.MaxMarginLoss().Gradient(new[] { 3.0, 1, 3, 3, 0 }, 1, gradient);
        Assert.Equal(new[] { 1 / 3.0, -1, 1 / 3.0, 1 / 3.0, 0 }, gradient);
    }

    [Fact]
    public void A_float_row_loss_over_two_rows_matches_its_plain_body()
    {
        var random = new Random(5);
        var loss = new TestRowLosses.SquaredDistanceLoss();
        foreach (var classes in Lengths)
        {
            var p = Enumerable.Range(0, classes).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var t = Enumerable.Range(0, classes).Select(_ => (float)random.NextDouble()).ToArray();
            Near.Equal(TestRowLosses.SquaredDistance(p, t), loss.Value(p, t), 1e-5, 1e-6, $"{classes} classes");
            var gradient = new float[classes];
            loss.Gradient(p, t, gradient);
            var max = p.Max();
            for (var j = 0; j < classes; j++)
            {
                Near.Equal(2 * (p[j] - t[j]) + (p[j] == max ? 0.5 / p.Count(x => x == max) : 0), gradient[j], 1e-5, 1e-6, $"{classes} classes, class {j}");
            }
        }
    }

    [Fact]
    public void Ignored_rows_add_nothing_and_a_mean_over_none_is_NaN_with_a_zero_gradient()
    {
        var loss = new Losses.SoftmaxCrossEntropyLoss<double> { IgnoreIndex = 7 };
        var logits = new[] { 1.0, 2, 3, 4, 5, 6 };
        var gradient = Enumerable.Repeat(double.NaN, 6).ToArray();
        Assert.Equal(0, loss.Value(logits.AsSpan(0, 3), 7));
        loss.Gradient(logits.AsSpan(0, 3), 7, gradient);
        Assert.Equal(new double[] { 0, 0, 0 }, gradient[..3]);
        Assert.True(double.IsNaN(loss.ValueAndGradient(logits, new[] { 7, 7 }, 3, gradient)));
        Assert.All(gradient, g => Assert.Equal(0, g));

        var values = new double[2];
        loss.Values(logits, new[] { 7, 2 }, 3, values);
        Assert.Equal(0, values[0]);
        Near.Equal(LossMath.LogSumExp<double>(logits.AsSpan(3, 3)) - 6, values[1], 1e-15, 0, "row 1");
        Assert.Equal(values[1], loss.Value(logits, new[] { 7, 2 }, 3));
    }

    private static bool IsNearTie(double[] row)
    {
        var sorted = row.OrderDescending().ToArray();
        return sorted[0] - sorted[1] < 1e-3;
    }

    private static double[] Softmax(double[] x)
    {
        var lse = LossMath.LogSumExp<double>(x);
        return x.Select(v => Math.Exp(v - lse)).ToArray();
    }
}
