using System;
using System.Linq;
using System.Runtime.Intrinsics;
using LossGen.Internal;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The batch machinery behind every generated type: SIMD loops whose overlapping last vector behaves like the body,
/// accurate reductions, and chunked parallel runs that are bit-identical whatever the degree.
/// </summary>
public class BatchMachineryTests
{
    private static (double[] Prediction, double[] Target) Inputs(int n, int seed, bool binary = false)
    {
        var random = new Random(seed);
        var prediction = Enumerable.Range(0, n).Select(_ => 4 * random.NextDouble() - 2).ToArray();
        var target = Enumerable.Range(0, n).Select(_ => binary ? random.Next(2) : 4 * random.NextDouble() - 2).ToArray();
        return (prediction, target);
    }

    private static ILoss<double>[] DoubleLosses() =>
    [
        new Losses.MeanSquaredErrorLoss<double>(), new Losses.HuberLoss<double>(delta: 0.7), new Losses.LogCoshLoss<double>(),
        new Losses.BinaryCrossEntropyWithLogitsLoss<double>(posWeight: 2.0), new Losses.FocalLoss<double>(gamma: 0.5), new Losses.QuantileLoss<double>(tau: 0.3),
    ];

    private static ILoss<float>[] FloatLosses() =>
    [
        new Losses.MeanSquaredErrorLoss<float>(), new Losses.HuberLoss<float>(delta: 0.7f), new Losses.LogCoshLoss<float>(),
        new Losses.BinaryCrossEntropyWithLogitsLoss<float>(posWeight: 2f), new Losses.FocalLoss<float>(gamma: 0.5f), new Losses.QuantileLoss<float>(tau: 0.3f),
    ];

    /// <summary>
    /// Every length from 1 to past four 512-bit vectors: the overlapping last vector (or the scalar loop for lengths
    /// below a vector) gives each element the value of a batch of that element alone, and sums each loss once.
    /// </summary>
    [Fact]
    public void Every_length_gives_each_element_its_own_value_and_sums_it_once()
    {
        foreach (var loss in DoubleLosses())
        {
            for (var n = 1; n <= 40; n++)
            {
                var (p, y) = Inputs(n, n, binary: loss is Losses.FocalLoss<double> or Losses.BinaryCrossEntropyWithLogitsLoss<double>);
                var values = new double[n];
                loss.Values(p, y, values);
                var gradient = new double[n];
                var sum = loss.ValueAndGradient(p, y, gradient, Reduction.Sum);
                for (var i = 0; i < n; i++)
                {
                    var single = new double[1];
                    loss.Values(p.AsSpan(i, 1), y.AsSpan(i, 1), single);
                    Near.Equal(single[0], values[i], 1e-14, 1e-300, $"{loss.GetType().Name} n={n} value[{i}]");
                    Near.Equal(loss.Derivative(p[i], y[i]), gradient[i], 1e-13, 1e-300, $"{loss.GetType().Name} n={n} gradient[{i}]");
                }

                Near.Equal(values.Sum(), sum, 1e-13, 1e-300, $"{loss.GetType().Name} n={n} sum");
            }
        }
    }

    [Fact]
    public void In_place_gradient_over_the_prediction_equals_the_separate_one_at_every_length()
    {
        foreach (var loss in FloatLosses())
        {
            for (var n = 1; n <= 70; n++)
            {
                var (pd, yd) = Inputs(n, 100 + n, binary: loss is Losses.FocalLoss<float> or Losses.BinaryCrossEntropyWithLogitsLoss<float>);
                var p = pd.Select(v => (float)v).ToArray();
                var y = yd.Select(v => (float)v).ToArray();
                var separate = new float[n];
                var expected = loss.ValueAndGradient(p, y, separate);
                var inPlace = (float[])p.Clone();
                var actual = loss.ValueAndGradient(inPlace, y, inPlace);
                Assert.Equal(expected, actual);
                Assert.Equal(separate, inPlace);
            }
        }
    }

    [Fact]
    public void Masked_out_overlap_lanes_do_not_leak_nan_into_the_sum()
    {
        // Length 9 with 8-lane double vectors: the last vector re-reads elements 1..8; element 0 is NaN and must count once.
        var loss = new Losses.MeanSquaredErrorLoss<double>();
        var p = Enumerable.Range(0, 9).Select(i => (double)i).ToArray();
        var y = new double[9];
        Assert.Equal(Enumerable.Range(0, 9).Sum(i => (double)i * i), loss.Value(p, y, Reduction.Sum));
        p[0] = double.NaN;
        Assert.True(double.IsNaN(loss.Value(p, y, Reduction.Sum)));
        var values = new double[9];
        loss.Values(p, y, values);
        Assert.True(double.IsNaN(values[0]));
        Assert.All(values.Skip(1), v => Assert.False(double.IsNaN(v)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(7)]
    public void Parallel_result_is_bit_identical_to_the_sequential_one(int degree)
    {
        const int N = 5 * BatchRunner.ChunkLength + 12345;
        var (pd, yd) = Inputs(N, 7, binary: true);
        var p = pd.Select(v => (float)v).ToArray();
        var y = yd.Select(v => (float)v).ToArray();
        var w = Enumerable.Range(0, N).Select(i => (float)(0.5 + (i % 7) / 7.0)).ToArray();
        var sequential = new Losses.FocalLoss<float>(gamma: 1.5f);
        var parallel = new Losses.FocalLoss<float>(gamma: 1.5f) { MaxDegreeOfParallelism = degree };
        var g1 = new float[N];
        var g2 = new float[N];
        foreach (var reduction in new[] { Reduction.Sum, Reduction.Mean, Reduction.WeightedMean })
        {
            Assert.Equal(
                BitConverter.SingleToInt32Bits(sequential.ValueAndGradient(p, y, w, g1, reduction)),
                BitConverter.SingleToInt32Bits(parallel.ValueAndGradient(p, y, w, g2, reduction)));
            Assert.Equal(g1, g2);
        }

        var v1 = new float[N];
        var v2 = new float[N];
        sequential.Values(p, y, v1);
        parallel.Values(p, y, v2);
        Assert.Equal(v1, v2);
    }

    [Fact]
    public void Parallel_run_covers_every_element_once()
    {
        const int N = 3 * BatchRunner.ChunkLength + 17;
        var p = Enumerable.Range(0, N).Select(i => (double)(i % 1000)).ToArray();
        var y = new double[N];
        var loss = new Losses.MeanAbsoluteErrorLoss<double> { MaxDegreeOfParallelism = 2 };
        Assert.Equal(p.Sum(), loss.Value(p, y, Reduction.Sum));
        var gradient = new double[N];
        loss.Gradient(p, y, gradient, Reduction.Sum);
        Assert.All(gradient.Select((g, i) => (g, i)), e => Assert.Equal(p[e.i] > 0 ? 1.0 : 0.0, e.g));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Invalid_degree_of_parallelism_throws_naming_the_property(int degree)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Losses.HuberLoss<float> { MaxDegreeOfParallelism = degree });
        Assert.Equal("MaxDegreeOfParallelism", exception.ParamName);
    }

    /// <summary>
    /// A float sum over 10⁷ terms of mixed magnitude (10⁻³ to 10³) and sign (a quarter negative): the error of the reduction is at most
    /// 1e-6 of Σ|ℓᵢ|, measured against the exact sum of the same float terms (a plain float running sum is off by far more).
    /// </summary>
    [Fact]
    public void Float_sum_of_ten_million_mixed_terms_is_accurate()
    {
        const int N = 10_000_000;
        var random = new Random(11);
        var p = new float[N];
        var y = new float[N];
        for (var i = 0; i < N; i++)
        {
            p[i] = (float)(Math.Pow(10, 6 * random.NextDouble() - 3) * (random.Next(4) == 0 ? -1 : 1));
            y[i] = (float)(0.5 + random.NextDouble());
        }

        var loss = new SignedLosses.ProductLoss();
        var values = new float[N];
        loss.Values(p, y, values);
        var exact = new CompensatedSum();
        double magnitude = 0;
        float naive = 0;
        foreach (var v in values)
        {
            exact.Add(v);
            magnitude += Math.Abs(v);
            naive += v;
        }

        var actual = loss.Value(p, y, Reduction.Sum);
        Assert.True(Math.Abs(actual - exact.Value) <= 1e-6 * magnitude, $"sum {actual}, exact {exact.Value}, Σ|ℓ| {magnitude}");
        Assert.True(Math.Abs(naive - exact.Value) > 1e-6 * magnitude, "the data should defeat a plain float running sum");
    }

    [Fact]
    public void Simd_path_is_taken_on_this_machine()
    {
        Assert.Equal(Vector512.IsHardwareAccelerated, LossVector512<float>.IsSupported);
        Assert.Equal(Vector128.IsHardwareAccelerated, LossVector128<double>.IsSupported);
        Assert.False(LossVector128<Half>.IsSupported);
    }
}

/// <summary>A loss whose terms take both signs, to test reductions.</summary>
public static partial class SignedLosses
{
    [Loss]
    public static partial float Product(float prediction, float target) => prediction * target;
}
