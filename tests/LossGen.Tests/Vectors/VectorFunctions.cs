using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.Intrinsics;
using LossGen.Internal;

namespace LossGen.Tests.Vectors;

/// <summary>The vector math of <see cref="LossVector512{T}"/> and its narrower siblings under test.</summary>
public enum VectorFunction
{
    Exp,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Pow,
    Cbrt,
    Sign,
    Clamp,
    Tanh,
    Sinh,
    Cosh,
    Sin,
    Cos,
    Tan,
    Atan,
    Sigmoid,
    Softplus,
    LogSigmoid,
    LogCosh,
    Xlogy,
}

/// <summary>
/// Each <see cref="VectorFunction"/> evaluated by the vector types at every width, by its scalar counterpart in
/// float and double, and by the double-double reference.
/// </summary>
internal static class VectorFunctions
{
    /// <summary>The vector widths in bits.</summary>
    public static readonly int[] Widths = [128, 256, 512];

    public static int Arity(VectorFunction function) => function switch
    {
        VectorFunction.Pow or VectorFunction.Xlogy => 2,
        VectorFunction.Clamp => 3,
        _ => 1,
    };

    /// <summary>Whether the function is exact (a selection or a comparison), so the vector result must equal the scalar one bit for bit.</summary>
    public static bool IsExact(VectorFunction function) => function is VectorFunction.Sign or VectorFunction.Clamp;

    public static bool IsSupported<T>(int width)
        where T : struct, IFloatingPointIeee754<T> => width switch
        {
            128 => LossVector128<T>.IsSupported,
            256 => LossVector256<T>.IsSupported,
            _ => LossVector512<T>.IsSupported,
        };

    /// <summary>The lanes of a <paramref name="width"/>-bit vector of <typeparamref name="T"/>.</summary>
    public static int Lanes<T>(int width)
        where T : struct, IFloatingPointIeee754<T> => width switch
        {
            128 => Vector128<T>.Count,
            256 => Vector256<T>.Count,
            _ => Vector512<T>.Count,
        };

    /// <summary>
    /// <paramref name="function"/> of (x[i], y[i], z[i]) into result[i] with <paramref name="width"/>-bit vectors; the
    /// arrays' length is a multiple of the lane count.
    /// </summary>
    public static void Apply<T>(int width, VectorFunction function, T[] x, T[] y, T[] z, T[] result)
        where T : struct, IFloatingPointIeee754<T>
    {
        int lanes = Lanes<T>(width);
        for (int i = 0; i < x.Length; i += lanes)
        {
            switch (width)
            {
                case 128:
                    Evaluate128(function, Vector128.Create<T>(x.AsSpan(i)), Vector128.Create<T>(y.AsSpan(i)), Vector128.Create<T>(z.AsSpan(i))).CopyTo(result.AsSpan(i));
                    break;
                case 256:
                    Evaluate256(function, Vector256.Create<T>(x.AsSpan(i)), Vector256.Create<T>(y.AsSpan(i)), Vector256.Create<T>(z.AsSpan(i))).CopyTo(result.AsSpan(i));
                    break;
                default:
                    Evaluate512(function, Vector512.Create<T>(x.AsSpan(i)), Vector512.Create<T>(y.AsSpan(i)), Vector512.Create<T>(z.AsSpan(i))).CopyTo(result.AsSpan(i));
                    break;
            }
        }
    }

    /// <summary>The function on 512-bit vectors, through the entry points generated kernels call.</summary>
    public static Vector512<T> Evaluate512<T>(VectorFunction function, Vector512<T> x, Vector512<T> y, Vector512<T> z)
        where T : struct, IFloatingPointIeee754<T> => function switch
        {
            VectorFunction.Exp => LossVector512<T>.Exp(x),
            VectorFunction.Expm1 => LossVector512<T>.Expm1(x),
            VectorFunction.Log => LossVector512<T>.Log(x),
            VectorFunction.Log2 => LossVector512<T>.Log2(x),
            VectorFunction.Log10 => LossVector512<T>.Log10(x),
            VectorFunction.Log1p => LossVector512<T>.Log1p(x),
            VectorFunction.Pow => LossVector512<T>.Pow(x, y),
            VectorFunction.Cbrt => LossVector512<T>.Cbrt(x),
            VectorFunction.Sign => LossVector512<T>.Sign(x),
            VectorFunction.Clamp => LossVector512<T>.Clamp(x, y, z),
            VectorFunction.Tanh => LossVector512<T>.Tanh(x),
            VectorFunction.Sinh => LossVector512<T>.Sinh(x),
            VectorFunction.Cosh => LossVector512<T>.Cosh(x),
            VectorFunction.Sin => LossVector512<T>.Sin(x),
            VectorFunction.Cos => LossVector512<T>.Cos(x),
            VectorFunction.Tan => LossVector512<T>.Tan(x),
            VectorFunction.Atan => LossVector512<T>.Atan(x),
            VectorFunction.Sigmoid => LossVector512<T>.Sigmoid(x),
            VectorFunction.Softplus => LossVector512<T>.Softplus(x),
            VectorFunction.LogSigmoid => LossVector512<T>.LogSigmoid(x),
            VectorFunction.LogCosh => LossVector512<T>.LogCosh(x),
            VectorFunction.Xlogy => LossVector512<T>.Xlogy(x, y),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };

    /// <summary>The function on 256-bit vectors, through the entry points generated kernels call.</summary>
    public static Vector256<T> Evaluate256<T>(VectorFunction function, Vector256<T> x, Vector256<T> y, Vector256<T> z)
        where T : struct, IFloatingPointIeee754<T> => function switch
        {
            VectorFunction.Exp => LossVector256<T>.Exp(x),
            VectorFunction.Expm1 => LossVector256<T>.Expm1(x),
            VectorFunction.Log => LossVector256<T>.Log(x),
            VectorFunction.Log2 => LossVector256<T>.Log2(x),
            VectorFunction.Log10 => LossVector256<T>.Log10(x),
            VectorFunction.Log1p => LossVector256<T>.Log1p(x),
            VectorFunction.Pow => LossVector256<T>.Pow(x, y),
            VectorFunction.Cbrt => LossVector256<T>.Cbrt(x),
            VectorFunction.Sign => LossVector256<T>.Sign(x),
            VectorFunction.Clamp => LossVector256<T>.Clamp(x, y, z),
            VectorFunction.Tanh => LossVector256<T>.Tanh(x),
            VectorFunction.Sinh => LossVector256<T>.Sinh(x),
            VectorFunction.Cosh => LossVector256<T>.Cosh(x),
            VectorFunction.Sin => LossVector256<T>.Sin(x),
            VectorFunction.Cos => LossVector256<T>.Cos(x),
            VectorFunction.Tan => LossVector256<T>.Tan(x),
            VectorFunction.Atan => LossVector256<T>.Atan(x),
            VectorFunction.Sigmoid => LossVector256<T>.Sigmoid(x),
            VectorFunction.Softplus => LossVector256<T>.Softplus(x),
            VectorFunction.LogSigmoid => LossVector256<T>.LogSigmoid(x),
            VectorFunction.LogCosh => LossVector256<T>.LogCosh(x),
            VectorFunction.Xlogy => LossVector256<T>.Xlogy(x, y),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };

    /// <summary>The function on 128-bit vectors, through the entry points generated kernels call.</summary>
    public static Vector128<T> Evaluate128<T>(VectorFunction function, Vector128<T> x, Vector128<T> y, Vector128<T> z)
        where T : struct, IFloatingPointIeee754<T> => function switch
        {
            VectorFunction.Exp => LossVector128<T>.Exp(x),
            VectorFunction.Expm1 => LossVector128<T>.Expm1(x),
            VectorFunction.Log => LossVector128<T>.Log(x),
            VectorFunction.Log2 => LossVector128<T>.Log2(x),
            VectorFunction.Log10 => LossVector128<T>.Log10(x),
            VectorFunction.Log1p => LossVector128<T>.Log1p(x),
            VectorFunction.Pow => LossVector128<T>.Pow(x, y),
            VectorFunction.Cbrt => LossVector128<T>.Cbrt(x),
            VectorFunction.Sign => LossVector128<T>.Sign(x),
            VectorFunction.Clamp => LossVector128<T>.Clamp(x, y, z),
            VectorFunction.Tanh => LossVector128<T>.Tanh(x),
            VectorFunction.Sinh => LossVector128<T>.Sinh(x),
            VectorFunction.Cosh => LossVector128<T>.Cosh(x),
            VectorFunction.Sin => LossVector128<T>.Sin(x),
            VectorFunction.Cos => LossVector128<T>.Cos(x),
            VectorFunction.Tan => LossVector128<T>.Tan(x),
            VectorFunction.Atan => LossVector128<T>.Atan(x),
            VectorFunction.Sigmoid => LossVector128<T>.Sigmoid(x),
            VectorFunction.Softplus => LossVector128<T>.Softplus(x),
            VectorFunction.LogSigmoid => LossVector128<T>.LogSigmoid(x),
            VectorFunction.LogCosh => LossVector128<T>.LogCosh(x),
            VectorFunction.Xlogy => LossVector128<T>.Xlogy(x, y),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };

    /// <summary>The scalar double function of the same name (System.Math or LossMath).</summary>
    public static double Scalar(VectorFunction function, double x, double y, double z) => function switch
    {
        VectorFunction.Exp => Math.Exp(x),
        VectorFunction.Expm1 => LossMath.Expm1(x),
        VectorFunction.Log => Math.Log(x),
        VectorFunction.Log2 => Math.Log2(x),
        VectorFunction.Log10 => Math.Log10(x),
        VectorFunction.Log1p => LossMath.Log1p(x),
        VectorFunction.Pow => Math.Pow(x, y),
        VectorFunction.Cbrt => Math.Cbrt(x),
        VectorFunction.Sign => LossMath.Sign(x),
        VectorFunction.Clamp => Math.Min(Math.Max(x, y), z),
        VectorFunction.Tanh => Math.Tanh(x),
        VectorFunction.Sinh => Math.Sinh(x),
        VectorFunction.Cosh => Math.Cosh(x),
        VectorFunction.Sin => Math.Sin(x),
        VectorFunction.Cos => Math.Cos(x),
        VectorFunction.Tan => Math.Tan(x),
        VectorFunction.Atan => Math.Atan(x),
        VectorFunction.Sigmoid => LossMath.Sigmoid(x),
        VectorFunction.Softplus => LossMath.Softplus(x),
        VectorFunction.LogSigmoid => LossMath.LogSigmoid(x),
        VectorFunction.LogCosh => LossMath.LogCosh(x),
        VectorFunction.Xlogy => LossMath.Xlogy(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>The scalar float function of the same name (System.MathF or LossMath).</summary>
    public static float Scalar(VectorFunction function, float x, float y, float z) => function switch
    {
        VectorFunction.Exp => MathF.Exp(x),
        VectorFunction.Expm1 => LossMath.Expm1(x),
        VectorFunction.Log => MathF.Log(x),
        VectorFunction.Log2 => MathF.Log2(x),
        VectorFunction.Log10 => MathF.Log10(x),
        VectorFunction.Log1p => LossMath.Log1p(x),
        VectorFunction.Pow => MathF.Pow(x, y),
        VectorFunction.Cbrt => MathF.Cbrt(x),
        VectorFunction.Sign => LossMath.Sign(x),
        VectorFunction.Clamp => Math.Min(Math.Max(x, y), z),
        VectorFunction.Tanh => MathF.Tanh(x),
        VectorFunction.Sinh => MathF.Sinh(x),
        VectorFunction.Cosh => MathF.Cosh(x),
        VectorFunction.Sin => MathF.Sin(x),
        VectorFunction.Cos => MathF.Cos(x),
        VectorFunction.Tan => MathF.Tan(x),
        VectorFunction.Atan => MathF.Atan(x),
        VectorFunction.Sigmoid => LossMath.Sigmoid(x),
        VectorFunction.Softplus => LossMath.Softplus(x),
        VectorFunction.LogSigmoid => LossMath.LogSigmoid(x),
        VectorFunction.LogCosh => LossMath.LogCosh(x),
        VectorFunction.Xlogy => LossMath.Xlogy(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>
    /// The exact value to about 106 bits; beyond the range where the double-double trigonometric reduction holds
    /// (|x| &gt; 10¹⁵), the scalar double function, which the vector code itself falls back to there.
    /// </summary>
    public static Dd Reference(VectorFunction function, double x, double y, double z)
    {
        if (double.IsNaN(x) || (Arity(function) > 1 && double.IsNaN(y)) || (Arity(function) > 2 && double.IsNaN(z)))
        {
            return Scalar(function, x, y, z);
        }

        return function switch
        {
            VectorFunction.Exp => Dd.Exp(x),
            VectorFunction.Expm1 => x < -40 ? -1 : x > 709 ? Dd.Exp(x) : Dd.Expm1(x),
            VectorFunction.Log or VectorFunction.Log2 or VectorFunction.Log10 when !(x > 0 && double.IsFinite(x)) => Scalar(function, x, y, z),
            VectorFunction.Log => Dd.LogOf(x),
            VectorFunction.Log2 => Dd.Log2(x),
            VectorFunction.Log10 => Dd.Log10(x),
            VectorFunction.Log1p => x <= -1 || double.IsInfinity(x) ? LossMath.Log1p(x) : Dd.Log1p(x),
            VectorFunction.Pow => Dd.Pow(x, y),
            VectorFunction.Cbrt => Dd.Cbrt(x),
            VectorFunction.Tanh => double.IsInfinity(x) ? Math.Sign(x) : Dd.Tanh(x),
            VectorFunction.Sinh or VectorFunction.Cosh when double.IsInfinity(x) => Scalar(function, x, y, z),
            VectorFunction.Sinh => Dd.Sinh(x),
            VectorFunction.Cosh => Dd.Cosh(x),
            VectorFunction.Sin or VectorFunction.Cos or VectorFunction.Tan when !(Math.Abs(x) <= 1e15) => Scalar(function, x, y, z),
            VectorFunction.Sin => Dd.Sin(x),
            VectorFunction.Cos => Dd.Cos(x),
            VectorFunction.Tan => Dd.Tan(x),
            VectorFunction.Atan => Dd.Atan(x),
            VectorFunction.Sigmoid => double.IsInfinity(x) ? LossMath.Sigmoid(x) : Dd.Sigmoid(x),
            VectorFunction.Softplus => double.IsInfinity(x) ? LossMath.Softplus(x) : Dd.Softplus(x),
            VectorFunction.LogSigmoid => double.IsInfinity(x) ? LossMath.LogSigmoid(x) : Dd.LogSigmoid(x),
            VectorFunction.LogCosh => double.IsInfinity(x) ? double.PositiveInfinity : Dd.LogCosh(x),
            VectorFunction.Xlogy => Dd.Xlogy(x, y),
            _ => Scalar(function, x, y, z),
        };
    }

    /// <summary>
    /// Inputs spread over the function's useful domain: log-spaced magnitudes and uniform values, both signs where
    /// the function takes them, function-specific hard cases, and every combination of special values; <paramref name="count"/>
    /// rounded up to a multiple of 16 lanes.
    /// </summary>
    public static (double[] X, double[] Y, double[] Z) Inputs(VectorFunction function, int count, bool single, int seed)
    {
        var random = new Random(seed);
        var x = new List<double>();
        var y = new List<double>();
        var z = new List<double>();
        double[] specials = Specials(function, single);
        int arity = Arity(function);
        foreach (double a in specials)
        {
            foreach (double b in arity > 1 ? specials : [0.0])
            {
                x.Add(a);
                y.Add(b);
                z.Add(arity > 2 ? specials[random.Next(specials.Length)] : 0);
            }
        }

        double max = single ? float.MaxValue : double.MaxValue;
        double tiny = single ? float.Epsilon : double.Epsilon;
        while (x.Count < count || x.Count % 16 != 0)
        {
            (double a, double b, double c) = Sample(function, random, single, max, tiny);
            if (single)
            {
                (a, b, c) = ((float)a, (float)b, (float)c);
            }

            x.Add(a);
            y.Add(b);
            z.Add(c);
        }

        return ([.. x], [.. y], [.. z]);
    }

    private static (double X, double Y, double Z) Sample(VectorFunction function, Random random, bool single, double max, double tiny)
    {
        int mode = random.Next(4);
        double LogSpaced(double min, double maximum) =>
            Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(maximum) - Math.Log(min)));
        double Signed(double value) => random.Next(2) == 0 ? value : -value;
        double Uniform(double lo, double hi) => lo + random.NextDouble() * (hi - lo);
        double exponentLimit = single ? 104 : 746;
        double overflow = single ? 89.5 : 710.5;
        switch (function)
        {
            case VectorFunction.Exp:
                return (mode < 2 ? Uniform(-exponentLimit, overflow) : Signed(LogSpaced(tiny, 2 * exponentLimit)), 0, 0);
            case VectorFunction.Expm1:
                return (mode < 2 ? Uniform(single ? -20 : -40, overflow) : Signed(LogSpaced(tiny, 2 * exponentLimit)), 0, 0);
            case VectorFunction.Log:
            case VectorFunction.Log2:
            case VectorFunction.Log10:
                return (mode switch { 0 => Uniform(0, 4), 1 => 1 + Uniform(-1.0 / 64, 1.0 / 64), _ => LogSpaced(tiny, max) }, 0, 0);
            case VectorFunction.Log1p:
                return (mode switch { 0 => Uniform(-1, 4), 1 => LogSpaced(tiny, max), 2 => -LogSpaced(tiny, 1), _ => -1 + LogSpaced(single ? 6e-8 : 1.2e-16, 1) }, 0, 0);
            case VectorFunction.Pow:
                {
                    double x = mode switch
                    {
                        0 => Uniform(0, 4),

                        // Bases next to 1 with huge exponents, where log x must be carried beyond working precision.
                        1 => RoundToSingle(1 + Signed(LogSpaced(single ? 6e-8 : 1.2e-16, 1.0 / 64)), single),
                        _ => LogSpaced(single ? 1e-30 : 1e-300, single ? 1e30 : 1e300),
                    };
                    double log = Math.Log(x);

                    // Half the exponents put x^y anywhere in the range, |y·log x| up to just past over- and underflow.
                    double y = random.Next(2) == 0 && log != 0
                        ? Uniform(-1.05, 1.05) * exponentLimit / log
                        : Signed(random.Next(2) == 0 ? Uniform(0, 50) : LogSpaced(1e-6, 1e6));
                    if (random.Next(4) == 0)
                    {
                        // Negative bases with integral exponents, odd and even.
                        x = -x;
                        y = Math.Round(y);
                    }

                    return (x, y, 0);
                }

            case VectorFunction.Cbrt:
            case VectorFunction.Atan:
            case VectorFunction.Sign:
                return (mode == 0 ? Uniform(-10, 10) : Signed(LogSpaced(tiny, max)), 0, 0);
            case VectorFunction.Clamp:
                return (Uniform(-10, 10), Uniform(-10, 10), Uniform(-10, 10));
            case VectorFunction.Tanh:
                return (mode == 0 ? Uniform(-10, 10) : Signed(LogSpaced(tiny, 100)), 0, 0);
            case VectorFunction.Sinh:
            case VectorFunction.Cosh:
                return (mode == 0 ? Uniform(-overflow, overflow) : Signed(LogSpaced(tiny, overflow + 1)), 0, 0);
            case VectorFunction.Sin:
            case VectorFunction.Cos:
            case VectorFunction.Tan:
                {
                    double limit = single ? 1e5 : 1e9;
                    double x = mode switch
                    {
                        0 => Uniform(-10, 10),
                        1 => Signed(LogSpaced(tiny, limit)),

                        // The values nearest to multiples of π/2, where the reduction cancels most digits.
                        2 => Signed(RoundToSingle(Math.Round(LogSpaced(1, limit / 1.5707963267948966)) * 1.5707963267948966, single)),

                        // A few beyond the reduction's limit, computed lane by lane.
                        _ => random.Next(16) == 0 ? Signed(LogSpaced(limit, single ? 1e30 : 1e15)) : Uniform(-limit, limit),
                    };
                    return (x, 0, 0);
                }

            case VectorFunction.Sigmoid:
            case VectorFunction.Softplus:
            case VectorFunction.LogSigmoid:
                return (mode < 2 ? Uniform(-exponentLimit - 6, exponentLimit + 6) : Signed(LogSpaced(tiny, max)), 0, 0);
            case VectorFunction.LogCosh:
                return (mode < 2 ? Uniform(-10, 10) : Signed(LogSpaced(tiny, max)), 0, 0);
            case VectorFunction.Xlogy:
                return (
                    Signed(LogSpaced(single ? 1e-30 : 1e-300, single ? 1e30 : 1e300)),
                    mode switch { 0 => Uniform(0, 4), 1 => 1 + Uniform(-1.0 / 64, 1.0 / 64), _ => LogSpaced(tiny, max) },
                    0);
            default:
                throw new ArgumentOutOfRangeException(nameof(function));
        }
    }

    private static double RoundToSingle(double value, bool single) => single ? (float)value : value;

    /// <summary>Special and boundary values for the function, in the precision tested.</summary>
    public static double[] Specials(VectorFunction function, bool single)
    {
        List<double> values = single
            ? [0.0, float.Epsilon, 1.17549435E-38, 1, 0.5, 2, float.MaxValue, double.PositiveInfinity]
            : [0.0, double.Epsilon, 2.2250738585072014E-308, 1, 0.5, 2, double.MaxValue, double.PositiveInfinity];
        values.AddRange(function switch
        {
            VectorFunction.Exp or VectorFunction.Expm1 or VectorFunction.Sigmoid or VectorFunction.Softplus or VectorFunction.LogSigmoid
                or VectorFunction.Sinh or VectorFunction.Cosh or VectorFunction.Tanh or VectorFunction.LogCosh => single
                ? [88.7228317, 88.7228394, 89.4159851, 89.4159927, 87.3365402, 103.972069, 103.972084, 17.3286800, 30, 1e-8]
                : [709.782712893384, 709.7827128933841, 710.4758600739439, 710.475860073944, 708.3964185322641, 745.1332191019411, 745.1332191019412, 37.42994775023705, 60, 1e-17],
            VectorFunction.Log or VectorFunction.Log2 or VectorFunction.Log10 or VectorFunction.Log1p or VectorFunction.Xlogy or VectorFunction.Pow => single
                ? [0.99999994, 1.00000012, 8, 1024, 1e-3, 1e10]
                : [0.9999999999999999, 1.0000000000000002, 8, 1024, 1e-3, 1e100],
            VectorFunction.Sin or VectorFunction.Cos or VectorFunction.Tan => single
                ? [1.57079637, 3.14159274, 1e5, 100000.008, 1e6, 1e30]
                : [1.5707963267948966, 3.141592653589793, 1e9, 1000000000.0000001, 1e10, 1e300],
            VectorFunction.Cbrt => [8, 27, 1e-30, 3],
            VectorFunction.Atan => [0.4375, 0.6875, 1.1875, 2.4375, 1e20],
            _ => [],
        });
        var result = new List<double>(2 * values.Count + 1) { double.NaN };
        foreach (double value in values)
        {
            result.Add(value);
            result.Add(-value);
        }

        if (function == VectorFunction.Log1p)
        {
            result.AddRange(single ? [-0.99999994, -1.00000012] : [-0.9999999999999999, -1.0000000000000002]);
        }

        return [.. result];
    }
}
