using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace LossGen.Tests;

/// <summary>
/// Checks <see cref="LossMath"/> against a double-double (≈106-bit) reference computed here from first
/// principles, so a result that is a few ulps off in double shows up as such.
/// </summary>
public class LossMathTests
{
    // Every double function is within this many ulps of the exact value. The worst measured with glibc's
    // exp and log is about 2.2 ulp (Sigmoid); the rest is headroom for a less accurate platform libm.
    private const double DoubleUlpBound = 3;

    // The float overloads round a double result once, so they are within half a float ulp plus a sliver.
    private const double FloatUlpBound = 1;

    private static readonly double[] TinyMagnitudes =
        [1e-300, 1e-200, 1e-100, 1e-20, 1e-16, 2.220446049250313e-16, 1e-15, 1e-10, 1e-8, 1e-5, 1e-4, 1e-3, 1e-2];

    private static readonly double[] LargeMagnitudes =
        [1, 5, 10, 18, 20, 30, 36, 37, 40, 50, 100, 300, 354, 355, 700, 709, 710, 745, 746, 800, 1e5, 1e10, 1e300];

    private static readonly double[] FiniteExtremes =
        [0, double.Epsilon, 1e-300, 1, 700, 710, 746, 1e5, 1e300, double.MaxValue];

    public static TheoryData<double> NearZero() => Data(TinyMagnitudes.SelectMany(m => new[] { m, -m }));

    public static TheoryData<double> LargeMagnitude() => Data(LargeMagnitudes.SelectMany(m => new[] { m, -m }));

    [Theory]
    [MemberData(nameof(NearZero))]
    public void Log1p_is_accurate_to_a_few_ulp_near_zero(double x) =>
        AssertWithinUlps(LossMath.Log1p, RefLog1p, [x], DoubleUlpBound);

    [Fact]
    public void Log1p_is_accurate_to_a_few_ulp_across_its_domain()
    {
        IEnumerable<double> nearMinusOne = Enumerable.Range(1, 300).Select(k => -1 + Math.Pow(10, -k / 20.0));
        AssertWithinUlps(
            LossMath.Log1p,
            RefLog1p,
            Sweep(1e-12, 1e300, 4000, seed: 1).Where(x => x > -1).Concat(Uniform(-1, 3, 4000, seed: 2)).Concat(nearMinusOne),
            DoubleUlpBound);
    }

    [Fact]
    public void Log1p_is_minus_infinity_at_minus_one_and_NaN_below()
    {
        Assert.Equal(double.NegativeInfinity, LossMath.Log1p(-1.0));
        Assert.Equal(float.NegativeInfinity, LossMath.Log1p(-1f));
        Assert.True(double.IsNaN(LossMath.Log1p(-1.0000001)));
        Assert.True(double.IsNaN(LossMath.Log1p(double.NegativeInfinity)));
        Assert.True(float.IsNaN(LossMath.Log1p(-2f)));
        Assert.Equal(double.PositiveInfinity, LossMath.Log1p(double.PositiveInfinity));
        Assert.True(double.IsNegative(LossMath.Log1p(-0.0)));
    }

    [Theory]
    [MemberData(nameof(NearZero))]
    public void Expm1_is_accurate_to_a_few_ulp_near_zero(double x) =>
        AssertWithinUlps(LossMath.Expm1, Dd.Expm1, [x], DoubleUlpBound);

    [Fact]
    public void Expm1_is_accurate_to_a_few_ulp_across_its_range() =>
        AssertWithinUlps(
            LossMath.Expm1,
            Dd.Expm1,
            Sweep(1e-12, 709, 4000, seed: 3).Concat(Uniform(-2, 2, 4000, seed: 4)).Concat(Uniform(-800, 709, 2000, seed: 5)),
            DoubleUlpBound);

    [Fact]
    public void Expm1_is_minus_one_for_very_negative_x_and_infinite_on_overflow()
    {
        Assert.Equal(-1.0, LossMath.Expm1(-40.0));
        Assert.Equal(-1.0, LossMath.Expm1(-1e300));
        Assert.Equal(-1.0, LossMath.Expm1(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, LossMath.Expm1(710.0));
        Assert.Equal(double.PositiveInfinity, LossMath.Expm1(double.PositiveInfinity));
        Assert.Equal(float.PositiveInfinity, LossMath.Expm1(89f));
        Assert.Equal(-1f, LossMath.Expm1(-20f));
        Assert.True(double.IsNegative(LossMath.Expm1(-0.0)));
    }

    [Theory]
    [MemberData(nameof(LargeMagnitude))]
    [MemberData(nameof(NearZero))]
    public void Sigmoid_is_accurate_to_a_few_ulp_for_large_and_tiny_magnitudes(double x) =>
        AssertWithinUlps(LossMath.Sigmoid, RefSigmoid, [x], DoubleUlpBound);

    [Fact]
    public void Sigmoid_is_accurate_to_a_few_ulp_across_the_line() =>
        AssertWithinUlps(LossMath.Sigmoid, RefSigmoid, OrdinarySweep(), DoubleUlpBound);

    [Fact]
    public void Sigmoid_of_very_negative_x_is_exp_x_not_NaN()
    {
        Assert.Equal(0.0, LossMath.Sigmoid(-800.0));
        Assert.Equal(0.0, LossMath.Sigmoid(double.NegativeInfinity));
        Assert.Equal(1.0, LossMath.Sigmoid(double.PositiveInfinity));
        Assert.True(LossMath.Sigmoid(-740.0) > 0);
        Assert.True(LossMath.Sigmoid(-100f) > 0);
    }

    [Theory]
    [MemberData(nameof(LargeMagnitude))]
    [MemberData(nameof(NearZero))]
    public void Softplus_is_accurate_to_a_few_ulp_for_large_and_tiny_magnitudes(double x) =>
        AssertWithinUlps(LossMath.Softplus, RefSoftplus, [x], DoubleUlpBound);

    [Fact]
    public void Softplus_is_accurate_to_a_few_ulp_across_the_line() =>
        AssertWithinUlps(LossMath.Softplus, RefSoftplus, OrdinarySweep(), DoubleUlpBound);

    [Theory]
    [InlineData(40.0)]
    [InlineData(100.0)]
    [InlineData(1e5)]
    [InlineData(1e300)]
    [InlineData(double.MaxValue)]
    public void Softplus_of_large_x_is_x(double x) => Assert.Equal(x, LossMath.Softplus(x));

    [Theory]
    [MemberData(nameof(LargeMagnitude))]
    [MemberData(nameof(NearZero))]
    public void LogSigmoid_is_accurate_to_a_few_ulp_for_large_and_tiny_magnitudes(double x) =>
        AssertWithinUlps(LossMath.LogSigmoid, RefLogSigmoid, [x], DoubleUlpBound);

    [Fact]
    public void LogSigmoid_is_accurate_to_a_few_ulp_across_the_line() =>
        AssertWithinUlps(LossMath.LogSigmoid, RefLogSigmoid, OrdinarySweep(), DoubleUlpBound);

    [Theory]
    [MemberData(nameof(LargeMagnitude))]
    [MemberData(nameof(NearZero))]
    [InlineData(1e-160)]
    [InlineData(0.5)]
    [InlineData(0.9999999999999999)]
    [InlineData(1.0000000000000002)]
    public void LogCosh_is_accurate_to_a_few_ulp_for_large_and_tiny_magnitudes(double x) =>
        AssertWithinUlps(LossMath.LogCosh, RefLogCosh, [x], DoubleUlpBound);

    [Fact]
    public void LogCosh_is_accurate_to_a_few_ulp_across_the_line() =>
        AssertWithinUlps(LossMath.LogCosh, RefLogCosh, OrdinarySweep().Concat(Uniform(-3, 3, 4000, seed: 6)), DoubleUlpBound);

    [Fact]
    public void LogCosh_of_moderately_large_x_is_correctly_rounded()
    {
        // For 8 ≤ |x| ≤ 64, log cosh x = |x| - ln 2 + log1p(exp(-2|x|)) where the last term is too small for its
        // own error to matter but large enough to be rounded twice if ln 2 is not carried beyond double precision.
        foreach (double x in Sweep(8, 64, 4000, seed: 13))
        {
            double actual = LossMath.LogCosh(x);
            Dd exact = RefLogCosh(x);
            double error = Math.Abs((actual - exact.Hi) - exact.Lo);
            Assert.True(
                error <= Math.Abs((Math.BitIncrement(actual) - exact.Hi) - exact.Lo)
                    && error <= Math.Abs((Math.BitDecrement(actual) - exact.Hi) - exact.Lo),
                $"LogCosh({x:R}) = {actual:R} is not the double nearest to {exact.Hi:R} + {exact.Lo:R}");
        }
    }

    [Fact]
    public void LogCosh_is_finite_where_cosh_overflows()
    {
        Assert.Equal(double.PositiveInfinity, Math.Cosh(711.0));
        Assert.True(double.IsFinite(LossMath.LogCosh(711.0)));
        Assert.True(double.IsFinite(LossMath.LogCosh(-1e300)));
        Assert.Equal(double.PositiveInfinity, LossMath.LogCosh(double.NegativeInfinity));
    }

    [Fact]
    public void Xlogy_is_accurate_to_a_few_ulp()
    {
        double[] ys = [.. Sweep(1e-300, 1e300, 3000, seed: 7).Select(Math.Abs), .. Uniform(0.5, 2, 2000, seed: 8)];
        double[] xs = [.. Sweep(1e-10, 1e10, ys.Length, seed: 9)];
        double worst = 0;
        double worstFloat = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            worst = Math.Max(worst, UlpError(LossMath.Xlogy(xs[i], ys[i]), xs[i] * RefLog(ys[i])));
            float xf = (float)xs[i];
            float yf = (float)Math.Clamp(ys[i], 1e-38, 1e38);
            worstFloat = Math.Max(worstFloat, UlpError(LossMath.Xlogy(xf, yf), xf * RefLog(yf), FloatUlp));
        }

        Assert.True(worst <= DoubleUlpBound, $"Xlogy: worst error {worst} ulp");
        Assert.True(worstFloat <= FloatUlpBound, $"Xlogy(float): worst error {worstFloat} float ulp");
    }

    [Fact]
    public void Xlogy_treats_zero_times_log_zero_as_zero_but_propagates_NaN()
    {
        Assert.Equal(0.0, LossMath.Xlogy(0.0, 0.0));
        Assert.Equal(0.0, LossMath.Xlogy(0.0, -1.0));
        Assert.Equal(0.0, LossMath.Xlogy(0.0, double.PositiveInfinity));
        Assert.Equal(0f, LossMath.Xlogy(0f, 0f));
        Assert.Equal(double.NegativeInfinity, LossMath.Xlogy(2.0, 0.0));
        Assert.True(double.IsNaN(LossMath.Xlogy(1.0, -1.0)));
        Assert.True(double.IsNaN(LossMath.Xlogy(0.0, double.NaN)));
        Assert.True(double.IsNaN(LossMath.Xlogy(double.NaN, 0.0)));
        Assert.True(double.IsNaN(LossMath.Xlogy(double.NaN, 2.0)));
        Assert.True(float.IsNaN(LossMath.Xlogy(0f, float.NaN)));
        Assert.True(float.IsNaN(LossMath.Xlogy(float.NaN, 1f)));
    }

    [Fact]
    public void Sigmoid_Softplus_LogSigmoid_and_LogCosh_are_finite_for_every_finite_input()
    {
        Func<double, double>[] functions = [LossMath.Sigmoid, LossMath.Softplus, LossMath.LogSigmoid, LossMath.LogCosh];
        Func<float, float>[] floatFunctions = [LossMath.Sigmoid, LossMath.Softplus, LossMath.LogSigmoid, LossMath.LogCosh];
        IEnumerable<double> inputs = FiniteExtremes.Concat(OrdinarySweep()).SelectMany(m => new[] { m, -m });
        foreach (double x in inputs)
        {
            foreach (Func<double, double> f in functions)
            {
                Assert.True(double.IsFinite(f(x)), $"{f.Method.Name}({x:R}) = {f(x):R}");
            }

            foreach (Func<float, float> f in floatFunctions)
            {
                float xf = (float)Math.Clamp(x, float.MinValue, float.MaxValue);
                Assert.True(float.IsFinite(f(xf)), $"{f.Method.Name}({xf:R}f) = {f(xf):R}");
            }
        }
    }

    [Fact]
    public void Every_function_propagates_NaN()
    {
        Func<double, double>[] functions =
            [LossMath.Log1p, LossMath.Expm1, LossMath.Sigmoid, LossMath.Softplus, LossMath.LogSigmoid, LossMath.LogCosh];
        Func<float, float>[] floatFunctions =
            [LossMath.Log1p, LossMath.Expm1, LossMath.Sigmoid, LossMath.Softplus, LossMath.LogSigmoid, LossMath.LogCosh];
        foreach (Func<double, double> f in functions)
        {
            Assert.True(double.IsNaN(f(double.NaN)), f.Method.Name);
        }

        foreach (Func<float, float> f in floatFunctions)
        {
            Assert.True(float.IsNaN(f(float.NaN)), f.Method.Name + "(float)");
        }
    }

    [Fact]
    public void Float_overloads_are_within_one_float_ulp_of_the_exact_value()
    {
        float[] ordinary = [.. OrdinarySweep().Select(x => (float)x)];
        float[] nearZero = [.. Sweep(1e-44, 1e-1, 3000, seed: 10).Select(x => (float)x)];
        AssertFloatWithinUlps(LossMath.Log1p, RefLog1p, [.. nearZero, .. ordinary.Where(x => x > -1), -0.99999f, 3e38f]);
        AssertFloatWithinUlps(LossMath.Expm1, Dd.Expm1, [.. nearZero, .. ordinary.Where(x => x < 88), -200f]);
        AssertFloatWithinUlps(LossMath.Sigmoid, RefSigmoid, [.. nearZero, .. ordinary, -100f, -104f, 1e30f]);
        AssertFloatWithinUlps(LossMath.Softplus, RefSoftplus, [.. nearZero, .. ordinary, -100f, -104f, 1e30f]);
        AssertFloatWithinUlps(LossMath.LogSigmoid, RefLogSigmoid, [.. nearZero, .. ordinary, 100f, 104f, -1e30f]);
        AssertFloatWithinUlps(LossMath.LogCosh, RefLogCosh, [.. nearZero, .. ordinary, 1e-20f, 1e30f, -3e38f]);
    }

    /// <summary>The worst error, in ulps of the exact value, of <paramref name="f"/> over <paramref name="xs"/>.</summary>
    private static (double Ulps, double At) WorstUlpError(Func<double, double> f, Func<double, Dd> reference, IEnumerable<double> xs)
    {
        (double Ulps, double At) worst = (0, double.NaN);
        foreach (double x in xs)
        {
            double error = UlpError(f(x), reference(x));
            if (!(error <= worst.Ulps))
            {
                worst = (error, x);
            }
        }

        return worst;
    }

    /// <summary>The worst error, in float ulps of the exact value, of <paramref name="f"/> over <paramref name="xs"/>.</summary>
    private static (double Ulps, double At) WorstFloatUlpError(Func<float, float> f, Func<double, Dd> reference, IEnumerable<float> xs)
    {
        (double Ulps, double At) worst = (0, double.NaN);
        foreach (float x in xs)
        {
            double error = UlpError(f(x), reference(x), FloatUlp);
            if (!(error <= worst.Ulps))
            {
                worst = (error, x);
            }
        }

        return worst;
    }

    /// <summary>Log-uniformly spread magnitudes in [<paramref name="min"/>, <paramref name="max"/>] with random signs.</summary>
    private static IEnumerable<double> Sweep(double min, double max, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double magnitude = Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));
            yield return random.Next(2) == 0 ? magnitude : -magnitude;
        }
    }

    /// <summary>Uniformly spread values in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    private static IEnumerable<double> Uniform(double min, double max, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return min + random.NextDouble() * (max - min);
        }
    }

    private static IEnumerable<double> OrdinarySweep() =>
        Sweep(1e-12, 1e4, 4000, seed: 11).Concat(Uniform(-50, 50, 4000, seed: 12));

    private static Dd RefLog1p(double x) => Dd.Log1p(x);

    private static Dd RefSigmoid(double x) => Dd.Sigmoid(x);

    private static Dd RefSoftplus(double x) => Dd.Softplus(x);

    private static Dd RefLogSigmoid(double x) => Dd.LogSigmoid(x);

    private static Dd RefLogCosh(double x) => Dd.LogCosh(x);

    private static Dd RefLog(double y) => Dd.LogOf(y);

    private static TheoryData<double> Data(IEnumerable<double> values)
    {
        var data = new TheoryData<double>();
        foreach (double value in values)
        {
            data.Add(value);
        }

        return data;
    }

    private static void AssertWithinUlps(Func<double, double> f, Func<double, Dd> reference, IEnumerable<double> xs, double bound)
    {
        (double ulps, double at) = WorstUlpError(f, reference, xs);
        Assert.True(
            ulps <= bound,
            $"{f.Method.Name}({at:R}) = {f(at):R}, exact {reference(at).Hi:R} + {reference(at).Lo:R}: {ulps} ulp > {bound}");
    }

    private static void AssertFloatWithinUlps(Func<float, float> f, Func<double, Dd> reference, IEnumerable<float> xs)
    {
        (double ulps, double at) = WorstFloatUlpError(f, reference, xs);
        Assert.True(
            ulps <= FloatUlpBound,
            $"{f.Method.Name}({at:R}f) = {f((float)at):R}, exact {reference(at).Hi:R}: {ulps} float ulp > {FloatUlpBound}");
    }

    private static double UlpError(double actual, Dd exact) => UlpError(actual, exact, DoubleUlp);

    /// <summary>|actual - exact| in units of the smaller of the two ulps adjacent to the exact value.</summary>
    private static double UlpError(double actual, Dd exact, Func<double, double> ulp)
    {
        if (double.IsInfinity(exact.Hi) || double.IsInfinity(actual))
        {
            return actual == exact.Hi ? 0 : double.PositiveInfinity;
        }

        return Math.Abs((actual - exact.Hi) - exact.Lo) / ulp(exact.Hi);
    }

    private static double DoubleUlp(double value)
    {
        double a = Math.Abs(value);
        return a == 0 ? double.Epsilon : Math.Min(Math.BitIncrement(a) - a, a - Math.BitDecrement(a));
    }

    private static double FloatUlp(double value)
    {
        float a = Math.Abs((float)value);
        if (float.IsInfinity(a))
        {
            return double.PositiveInfinity;
        }

        return a == 0 ? float.Epsilon : Math.Min((double)MathF.BitIncrement(a) - a, (double)a - MathF.BitDecrement(a));
    }
}
