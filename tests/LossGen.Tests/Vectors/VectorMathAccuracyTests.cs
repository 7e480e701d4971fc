using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading.Tasks;
using LossGen.Internal;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Vectors;

/// <summary>
/// The vector math (<see cref="LossGen.Internal.LossVector512{T}"/> and its narrower siblings) at every supported
/// width: float within 4 ulp of the exact value (over 2²⁰ points against the double-precision function), double within
/// 8 ulp (over 2¹⁷ points against a double-double reference), special values and NaN as the scalar functions, lanes independent of each other, and
/// the vector and scalar paths in agreement. Each accuracy test writes its worst case per width to the test output.
/// </summary>
public sealed class VectorMathAccuracyTests(ITestOutputHelper output)
{
    private const double SingleBound = 4;
    private const double DoubleBound = 8;
    private const int SinglePoints = 1 << 20;
    private const int DoublePoints = 1 << 17;

    public static TheoryData<VectorFunction> Functions() => new(Enum.GetValues<VectorFunction>());

    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_is_within_4_ulp_of_the_exact_value(VectorFunction function)
    {
        (double[] xd, double[] yd, double[] zd) = VectorFunctions.Inputs(function, SinglePoints, single: true, seed: (int)function);
        float[] x = ToSingle(xd);
        float[] y = ToSingle(yd);
        float[] z = ToSingle(zd);
        var exact = new double[x.Length];
        Parallel.For(0, x.Length, i => exact[i] = VectorFunctions.Scalar(function, (double)x[i], y[i], z[i]));
        var result = new float[x.Length];
        foreach (int width in SupportedWidths<float>())
        {
            VectorFunctions.Apply(width, function, x, y, z, result);
            (double ulps, int at) = Worst(x.Length, i => Ulps.OfSingle(result[i], exact[i]));
            string where = $"{Arguments(function, x[at], y[at], z[at])} = {result[at]:R}, exact {exact[at]:R}";
            output.WriteLine($"{function} float {width}-bit: worst {ulps:F3} ulp at {where}");
            Assert.True(ulps <= SingleBound, $"{function} float {width}-bit: {ulps} ulp > {SingleBound} at {where}");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Double_is_within_8_ulp_of_the_exact_value(VectorFunction function)
    {
        (double[] x, double[] y, double[] z) = VectorFunctions.Inputs(function, DoublePoints, single: false, seed: 100 + (int)function);
        var exact = new Dd[x.Length];
        Parallel.For(0, x.Length, i => exact[i] = VectorFunctions.Reference(function, x[i], y[i], z[i]));
        var result = new double[x.Length];
        foreach (int width in SupportedWidths<double>())
        {
            VectorFunctions.Apply(width, function, x, y, z, result);
            (double ulps, int at) = Worst(x.Length, i => Ulps.OfDouble(result[i], exact[i]));
            string where = $"{Arguments(function, x[at], y[at], z[at])} = {result[at]:R}, exact {exact[at].Hi:R} + {exact[at].Lo:R}";
            output.WriteLine($"{function} double {width}-bit: worst {ulps:F3} ulp at {where}");
            Assert.True(ulps <= DoubleBound, $"{function} double {width}-bit: {ulps} ulp > {DoubleBound} at {where}");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Vector_agrees_with_the_scalar_function(VectorFunction function)
    {
        (double[] xd, double[] yd, double[] zd) = VectorFunctions.Inputs(function, 1 << 14, single: true, seed: 200 + (int)function);
        float[] x = ToSingle(xd);
        float[] y = ToSingle(yd);
        float[] z = ToSingle(zd);
        var result = new float[x.Length];
        foreach (int width in SupportedWidths<float>())
        {
            VectorFunctions.Apply(width, function, x, y, z, result);
            for (int i = 0; i < x.Length; i++)
            {
                float scalar = VectorFunctions.Scalar(function, x[i], y[i], z[i]);
                AssertAgrees(function, width, result[i], scalar, Ulps.OfSingle(result[i], scalar), SingleBound, Arguments(function, x[i], y[i], z[i]));
            }
        }

        (double[] xs, double[] ys, double[] zs) = VectorFunctions.Inputs(function, 1 << 14, single: false, seed: 300 + (int)function);
        var doubles = new double[xs.Length];
        foreach (int width in SupportedWidths<double>())
        {
            VectorFunctions.Apply(width, function, xs, ys, zs, doubles);
            for (int i = 0; i < xs.Length; i++)
            {
                double scalar = VectorFunctions.Scalar(function, xs[i], ys[i], zs[i]);
                AssertAgrees(function, width, doubles[i], scalar, Ulps.OfDouble(doubles[i], scalar), DoubleBound, Arguments(function, xs[i], ys[i], zs[i]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Special_values_are_those_of_the_scalar_function(VectorFunction function)
    {
        // Every combination of the specials of each argument, for the arguments a function has.
        foreach (bool single in new[] { true, false })
        {
            double[] specials = VectorFunctions.Specials(function, single);
            int arity = VectorFunctions.Arity(function);
            IEnumerable<(double X, double Y, double Z)> cases =
                from a in specials
                from b in arity > 1 ? specials : [0.0]
                from c in arity > 2 ? specials : [0.0]
                select (a, b, c);
            (double X, double Y, double Z)[] all = [.. cases];
            if (single)
            {
                CheckSpecials<float>(function, all, (a, b, c) => VectorFunctions.Scalar(function, a, b, c), (v, s) => Ulps.OfSingle(v, s), SingleBound);
            }
            else
            {
                CheckSpecials<double>(function, all, (a, b, c) => VectorFunctions.Scalar(function, a, b, c), (v, s) => Ulps.OfDouble(v, s), DoubleBound);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void NaN_in_any_argument_gives_NaN(VectorFunction function)
    {
        // Ordinary values around the NaN, so that no rule like x^0 = 1 or 0·log y = 0 applies.
        double[] arguments = [1.5, 0.5, 2.5];
        for (int position = 0; position < VectorFunctions.Arity(function); position++)
        {
            double[] a = [.. arguments];
            a[position] = double.NaN;
            foreach (int width in SupportedWidths<double>())
            {
                Assert.True(double.IsNaN(Single<double>(width, function, a[0], a[1], a[2])), $"{Arguments(function, a[0], a[1], a[2])} double {width}-bit");
            }

            foreach (int width in SupportedWidths<float>())
            {
                Assert.True(float.IsNaN(Single<float>(width, function, (float)a[0], (float)a[1], (float)a[2])), $"{Arguments(function, a[0], a[1], a[2])} float {width}-bit");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Lanes_are_independent(VectorFunction function)
    {
        CheckLanes<float>(function, single: true);
        CheckLanes<double>(function, single: false);
    }

    [Fact]
    public void Documented_special_values_hold()
    {
        (VectorFunction Function, double X, double Y, double Expected)[] cases =
        [
            (VectorFunction.Exp, double.NegativeInfinity, 0, 0),
            (VectorFunction.Exp, double.PositiveInfinity, 0, double.PositiveInfinity),
            (VectorFunction.Exp, 1000, 0, double.PositiveInfinity),
            (VectorFunction.Exp, -1000, 0, 0),
            (VectorFunction.Exp, -0.0, 0, 1),
            (VectorFunction.Expm1, -0.0, 0, -0.0),
            (VectorFunction.Expm1, double.NegativeInfinity, 0, -1),
            (VectorFunction.Expm1, -1000, 0, -1),
            (VectorFunction.Expm1, 1000, 0, double.PositiveInfinity),
            (VectorFunction.Log, 0, 0, double.NegativeInfinity),
            (VectorFunction.Log, -0.0, 0, double.NegativeInfinity),
            (VectorFunction.Log, -1, 0, double.NaN),
            (VectorFunction.Log, double.NegativeInfinity, 0, double.NaN),
            (VectorFunction.Log, double.PositiveInfinity, 0, double.PositiveInfinity),
            (VectorFunction.Log, 1, 0, 0),
            (VectorFunction.Log2, 8, 0, 3),
            (VectorFunction.Log2, 0.125, 0, -3),
            (VectorFunction.Log2, 0, 0, double.NegativeInfinity),
            (VectorFunction.Log10, 0, 0, double.NegativeInfinity),
            (VectorFunction.Log10, -2, 0, double.NaN),
            (VectorFunction.Log1p, -1, 0, double.NegativeInfinity),
            (VectorFunction.Log1p, -2, 0, double.NaN),
            (VectorFunction.Log1p, -0.0, 0, -0.0),
            (VectorFunction.Log1p, double.PositiveInfinity, 0, double.PositiveInfinity),
            (VectorFunction.Pow, double.NaN, 0, 1),
            (VectorFunction.Pow, 1, double.NaN, 1),
            (VectorFunction.Pow, -1, double.PositiveInfinity, 1),
            (VectorFunction.Pow, -8, 1.0 / 3, double.NaN),
            (VectorFunction.Pow, -0.0, -1, double.NegativeInfinity),
            (VectorFunction.Pow, -0.0, -2, double.PositiveInfinity),
            (VectorFunction.Pow, -0.0, 3, -0.0),
            (VectorFunction.Pow, 0, -0.5, double.PositiveInfinity),
            (VectorFunction.Pow, double.NegativeInfinity, 3, double.NegativeInfinity),
            (VectorFunction.Pow, double.NegativeInfinity, -3, -0.0),
            (VectorFunction.Pow, double.NegativeInfinity, 0.5, double.PositiveInfinity),
            (VectorFunction.Pow, 0.5, double.PositiveInfinity, 0),
            (VectorFunction.Pow, 0.5, double.NegativeInfinity, double.PositiveInfinity),
            (VectorFunction.Cbrt, -0.0, 0, -0.0),
            (VectorFunction.Cbrt, -8, 0, -2),
            (VectorFunction.Cbrt, double.NegativeInfinity, 0, double.NegativeInfinity),
            (VectorFunction.Sign, -0.0, 0, -0.0),
            (VectorFunction.Sign, double.NaN, 0, double.NaN),
            (VectorFunction.Sign, -3, 0, -1),
            (VectorFunction.Tanh, double.NegativeInfinity, 0, -1),
            (VectorFunction.Tanh, -0.0, 0, -0.0),
            (VectorFunction.Sinh, -0.0, 0, -0.0),
            (VectorFunction.Sinh, double.NegativeInfinity, 0, double.NegativeInfinity),
            (VectorFunction.Cosh, double.NegativeInfinity, 0, double.PositiveInfinity),
            (VectorFunction.Cosh, -0.0, 0, 1),
            (VectorFunction.Sin, -0.0, 0, -0.0),
            (VectorFunction.Sin, double.PositiveInfinity, 0, double.NaN),
            (VectorFunction.Cos, double.NegativeInfinity, 0, double.NaN),
            (VectorFunction.Cos, -0.0, 0, 1),
            (VectorFunction.Tan, -0.0, 0, -0.0),
            (VectorFunction.Atan, double.NegativeInfinity, 0, -Math.PI / 2),
            (VectorFunction.Atan, -0.0, 0, -0.0),
            (VectorFunction.Sigmoid, double.NegativeInfinity, 0, 0),
            (VectorFunction.Sigmoid, double.PositiveInfinity, 0, 1),
            (VectorFunction.Softplus, double.NegativeInfinity, 0, 0),
            (VectorFunction.Softplus, double.PositiveInfinity, 0, double.PositiveInfinity),
            (VectorFunction.LogSigmoid, double.NegativeInfinity, 0, double.NegativeInfinity),
            (VectorFunction.LogCosh, double.NegativeInfinity, 0, double.PositiveInfinity),
            (VectorFunction.LogCosh, 0, 0, 0),
            (VectorFunction.Xlogy, 0, 0, 0),
            (VectorFunction.Xlogy, 0, double.PositiveInfinity, 0),
            (VectorFunction.Xlogy, 0, double.NaN, double.NaN),
            (VectorFunction.Xlogy, double.NaN, 1, double.NaN),
            (VectorFunction.Xlogy, 2, 0, double.NegativeInfinity),
            (VectorFunction.Xlogy, 1, -1, double.NaN),
        ];
        foreach ((VectorFunction function, double x, double y, double expected) in cases)
        {
            foreach (int width in SupportedWidths<double>())
            {
                AssertIdentical(expected, Single<double>(width, function, x, y, 0), $"{function}({x}, {y}) double {width}-bit");
            }

            foreach (int width in SupportedWidths<float>())
            {
                AssertIdentical((float)expected, Single<float>(width, function, (float)x, (float)y, 0), $"{function}({x}, {y}) float {width}-bit");
            }
        }
    }

    [Fact]
    public void Clamp_never_throws_and_lets_the_upper_bound_win()
    {
        foreach (int width in SupportedWidths<double>())
        {
            Assert.Equal(1.0, Single<double>(width, VectorFunction.Clamp, 5, 2, 1));
            Assert.True(double.IsNaN(Single<double>(width, VectorFunction.Clamp, 0, double.NaN, 1)));
            Assert.True(double.IsNaN(Single<double>(width, VectorFunction.Clamp, 0, -1, double.NaN)));
            Assert.True(double.IsNegative(Single<double>(width, VectorFunction.Clamp, -0.0, -0.0, 0.0)));
            Assert.False(double.IsNegative(Single<double>(width, VectorFunction.Clamp, -0.0, 0.0, 1.0)));
        }
    }

    private static IEnumerable<int> SupportedWidths<T>()
        where T : struct, IFloatingPointIeee754<T> => VectorFunctions.Widths.Where(VectorFunctions.IsSupported<T>);

    private static float[] ToSingle(double[] values) => [.. values.Select(v => (float)v)];

    private static (double Ulps, int At) Worst(int count, Func<int, double> error)
    {
        (double Ulps, int At) worst = (0, 0);
        for (int i = 0; i < count; i++)
        {
            double e = error(i);
            if (!(e <= worst.Ulps))
            {
                worst = (e, i);
            }
        }

        return worst;
    }

    private static string Arguments(VectorFunction function, double x, double y, double z) => VectorFunctions.Arity(function) switch
    {
        1 => $"{function}({x:R})",
        2 => $"{function}({x:R}, {y:R})",
        _ => $"{function}({x:R}, {y:R}, {z:R})",
    };

    /// <summary>
    /// NaN, infinities and zeros (with their signs) as the scalar function gives them; other values within the
    /// bound of it; exact functions bit for bit.
    /// </summary>
    private static void AssertAgrees<T>(VectorFunction function, int width, T actual, T scalar, double ulps, double bound, string arguments)
        where T : struct, IFloatingPointIeee754<T>
    {
        string message = $"{arguments} {typeof(T).Name} {width}-bit = {actual}, scalar {scalar}";
        if (VectorFunctions.IsExact(function) || T.IsNaN(scalar) || T.IsInfinity(scalar) || T.IsZero(scalar) || T.IsZero(actual))
        {
            bool subnormalRounding = T.IsZero(scalar) != T.IsZero(actual) && T.IsSubnormal(scalar + actual) && ulps <= bound;
            Assert.True(Identical(scalar, actual) || subnormalRounding, message);
            return;
        }

        Assert.True(ulps <= bound, $"{message}: {ulps} ulp");
    }

    private static void CheckSpecials<T>(VectorFunction function, (double X, double Y, double Z)[] cases, Func<T, T, T, T> scalar, Func<T, T, double> ulps, double bound)
        where T : struct, IFloatingPointIeee754<T>
    {
        foreach (int width in SupportedWidths<T>())
        {
            foreach ((double x, double y, double z) in cases)
            {
                T a = T.CreateTruncating(x);
                T b = T.CreateTruncating(y);
                T c = T.CreateTruncating(z);
                T expected = scalar(a, b, c);
                T actual = Single<T>(width, function, a, b, c);
                AssertAgrees(function, width, actual, expected, ulps(actual, expected), bound, Arguments(function, x, y, z));
            }
        }
    }

    private void CheckLanes<T>(VectorFunction function, bool single)
        where T : struct, IFloatingPointIeee754<T>
    {
        // Lanes drawn from the specials and the ordinary domain, so that NaN, ∞, overflow and lanes computed one by one
        // (trigonometry beyond its reduction) sit next to ordinary ones.
        (double[] x, double[] y, double[] z) = VectorFunctions.Inputs(function, 4096, single, seed: 400 + (int)function);
        var random = new Random(500 + (int)function);
        foreach (int width in SupportedWidths<T>())
        {
            int lanes = VectorFunctions.Lanes<T>(width);
            var vx = new T[lanes];
            var vy = new T[lanes];
            var vz = new T[lanes];
            var result = new T[lanes];
            for (int trial = 0; trial < 256; trial++)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    int i = random.Next(x.Length);
                    (vx[lane], vy[lane], vz[lane]) = (T.CreateTruncating(x[i]), T.CreateTruncating(y[i]), T.CreateTruncating(z[i]));
                }

                VectorFunctions.Apply(width, function, vx, vy, vz, result);
                for (int lane = 0; lane < lanes; lane++)
                {
                    T alone = Single(width, function, vx[lane], vy[lane], vz[lane]);
                    Assert.True(
                        Identical(alone, result[lane]),
                        $"{Arguments(function, double.CreateTruncating(vx[lane]), double.CreateTruncating(vy[lane]), double.CreateTruncating(vz[lane]))} {typeof(T).Name} {width}-bit: {result[lane]} among other lanes, {alone} in every lane");
                }
            }
        }

        output.WriteLine($"{function}: lanes independent ({(single ? "float" : "double")})");
    }

    /// <summary>The function of one value broadcast to every lane of a <paramref name="width"/>-bit vector.</summary>
    private static T Single<T>(int width, VectorFunction function, T x, T y, T z)
        where T : struct, IFloatingPointIeee754<T>
    {
        int lanes = VectorFunctions.Lanes<T>(width);
        T[] result = new T[lanes];
        VectorFunctions.Apply(width, function, Enumerable.Repeat(x, lanes).ToArray(), Enumerable.Repeat(y, lanes).ToArray(), Enumerable.Repeat(z, lanes).ToArray(), result);
        foreach (T lane in result)
        {
            Assert.True(Identical(result[0], lane), $"{function}({x}, {y}, {z}): lanes of a broadcast differ");
        }

        return result[0];
    }

    private static bool Identical<T>(T a, T b)
        where T : struct, IFloatingPointIeee754<T> =>
        (T.IsNaN(a) && T.IsNaN(b)) || (a == b && T.IsNegative(a) == T.IsNegative(b));

    private static void AssertIdentical<T>(T expected, T actual, string message)
        where T : struct, IFloatingPointIeee754<T> =>
        Assert.True(Identical(expected, actual), $"{message}: expected {expected}, got {actual}");
}
