using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossGen.Internal;

/// <summary>
/// What generated 512-bit loss kernels call on <see cref="Vector512{T}"/> beyond .NET's operators and
/// <see cref="Vector512"/> methods: the math of the derivative rule table, constants, lane sums. Each function forwards
/// to <see cref="LossVector512"/>'s float or double version; the JIT keeps only the one <typeparamref name="T"/> takes.
/// Not for direct use.
/// </summary>
/// <typeparam name="T">The element type: float or double (any other has no vector kernel).</typeparam>
/// <remarks>
/// Written once, at 512 bits: LossGen's WidthGenerator compiles the file at 512 bits again at 256 and 128 bits, with the
/// width replaced.
/// </remarks>
[WidthTemplate(512, 256)]
[WidthTemplate(512, 128)]
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossVector512<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Whether 512-bit vectors are hardware accelerated here and <typeparamref name="T"/> is float or double.</summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => LossVector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
    }

    /// <inheritdoc cref="LossVector512.Exp(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Exp(x.AsSingle()).As<float, T>() : LossVector512.Exp(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Expm1(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Expm1(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Expm1(x.AsSingle()).As<float, T>() : LossVector512.Expm1(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Log(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Log(x.AsSingle()).As<float, T>() : LossVector512.Log(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Log2(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log2(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Log2(x.AsSingle()).As<float, T>() : LossVector512.Log2(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Log10(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log10(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Log10(x.AsSingle()).As<float, T>() : LossVector512.Log10(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Log1p(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log1p(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Log1p(x.AsSingle()).As<float, T>() : LossVector512.Log1p(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Pow(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Pow(Vector512<T> x, Vector512<T> y) =>
        typeof(T) == typeof(float) ? LossVector512.Pow(x.AsSingle(), y.AsSingle()).As<float, T>() : LossVector512.Pow(x.AsDouble(), y.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Cbrt(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Cbrt(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Cbrt(x.AsSingle()).As<float, T>() : LossVector512.Cbrt(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Sign(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sign(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Sign(x.AsSingle()).As<float, T>() : LossVector512.Sign(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Clamp(Vector512{float}, Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Clamp(Vector512<T> x, Vector512<T> lo, Vector512<T> hi) =>
        typeof(T) == typeof(float) ? LossVector512.Clamp(x.AsSingle(), lo.AsSingle(), hi.AsSingle()).As<float, T>() : LossVector512.Clamp(x.AsDouble(), lo.AsDouble(), hi.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tanh(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Tanh(x.AsSingle()).As<float, T>() : LossVector512.Tanh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Sinh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sinh(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Sinh(x.AsSingle()).As<float, T>() : LossVector512.Sinh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Cosh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Cosh(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Cosh(x.AsSingle()).As<float, T>() : LossVector512.Cosh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Sin(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sin(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Sin(x.AsSingle()).As<float, T>() : LossVector512.Sin(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Cos(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Cos(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Cos(x.AsSingle()).As<float, T>() : LossVector512.Cos(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Tan(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tan(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Tan(x.AsSingle()).As<float, T>() : LossVector512.Tan(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Atan(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Atan(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Atan(x.AsSingle()).As<float, T>() : LossVector512.Atan(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sigmoid(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Sigmoid(x.AsSingle()).As<float, T>() : LossVector512.Sigmoid(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Softplus(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Softplus(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.Softplus(x.AsSingle()).As<float, T>() : LossVector512.Softplus(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.LogSigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LogSigmoid(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.LogSigmoid(x.AsSingle()).As<float, T>() : LossVector512.LogSigmoid(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.LogCosh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LogCosh(Vector512<T> x) =>
        typeof(T) == typeof(float) ? LossVector512.LogCosh(x.AsSingle()).As<float, T>() : LossVector512.LogCosh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector512.Xlogy(Vector512{float}, Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Xlogy(Vector512<T> x, Vector512<T> y) =>
        typeof(T) == typeof(float) ? LossVector512.Xlogy(x.AsSingle(), y.AsSingle()).As<float, T>() : LossVector512.Xlogy(x.AsDouble(), y.AsDouble()).As<double, T>();

    /// <summary>All lanes <paramref name="value"/> rounded to <typeparamref name="T"/>: a constant of a generic kernel.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The vector.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Constant(double value) =>
        typeof(T) == typeof(float) ? Vector512.Create((float)value).As<float, T>() : Vector512.Create(value).As<double, T>();

    /// <summary>Mask of a ≠ b, true where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> NotEqual(Vector512<T> a, Vector512<T> b) => ~Vector512.Equals(a, b);

    /// <summary>The largest lane of <paramref name="value"/>; NaN if a lane is NaN.</summary>
    /// <param name="value">The vector.</param>
    /// <returns>The maximum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxAcross(Vector512<T> value)
    {
        T max = value.GetElement(0);
        for (int lane = 1; lane < Vector512<T>.Count; lane++)
        {
            T x = value.GetElement(lane);
            max = T.IsNaN(max) || x < max ? max : x;
        }

        return max;
    }

    /// <summary><paramref name="value"/> with lanes below <paramref name="first"/> zeroed.</summary>
    /// <param name="value">The vector.</param>
    /// <param name="first">The first lane kept.</param>
    /// <returns>The result.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LanesFrom(Vector512<T> value, nuint first) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Constant((double)first)), value, Vector512<T>.Zero);

    /// <summary>
    /// Adds one vector of terms to a Neumaier compensated sum kept lane by lane, so a long float sum keeps an error
    /// near one float rounding of the sum of magnitudes whatever its length (<see cref="Total"/> adds the lanes in
    /// double at the end).
    /// </summary>
    /// <param name="sum">The running sums, lane by lane.</param>
    /// <param name="compensation">The running compensations, lane by lane.</param>
    /// <param name="terms">The terms.</param>
    /// <remarks>
    /// The two vectors are the caller's locals rather than a struct's fields: the JIT keeps locals passed by reference
    /// to an inlined method in registers, but not a struct of two 512-bit vectors, whose running sums would go through
    /// memory on every iteration of the loop.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddCompensated(ref Vector512<T> sum, ref Vector512<T> compensation, Vector512<T> terms)
    {
        Vector512<T> total = sum + terms;
        compensation += Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(Vector512.Abs(sum), Vector512.Abs(terms)),
            (sum - total) + terms,
            (terms - total) + sum);
        sum = total;
    }

    /// <summary>The lanes of a compensated sum (<see cref="AddCompensated"/>) added into one in double, lane 0 first.</summary>
    /// <param name="sum">The sums, lane by lane.</param>
    /// <param name="compensation">The compensations, lane by lane.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CompensatedSum Total(Vector512<T> sum, Vector512<T> compensation)
    {
        var total = new CompensatedSum();
        for (int lane = 0; lane < Vector512<T>.Count; lane++)
        {
            double value = ToDouble(sum.GetElement(lane));
            total.Add(value);
            if (double.IsFinite(value))
            {
                // An infinite lane makes its compensation NaN (∞ - ∞); the sum is infinite either way.
                total.Add(ToDouble(compensation.GetElement(lane)));
            }
        }

        return total;
    }

    /// <summary>
    /// The compensated sum (<see cref="AddCompensated"/>, <see cref="Total"/>) of the whole vectors at the start of
    /// <paramref name="values"/>; the rest, fewer than a vector's lanes, is the caller's to add.
    /// </summary>
    /// <param name="values">The terms.</param>
    /// <param name="count">How many terms the sum covers.</param>
    /// <returns>The sum.</returns>
    public static CompensatedSum Sum(ReadOnlySpan<T> values, out int count)
    {
        Vector512<T> sum = Vector512<T>.Zero, compensation = Vector512<T>.Zero;
        for (count = 0; count <= values.Length - Vector512<T>.Count; count += Vector512<T>.Count)
        {
            AddCompensated(ref sum, ref compensation, Vector512.Create(values[count..]));
        }

        return Total(sum, compensation);
    }

    /// <summary>A float or double lane as a double, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble(T value) => typeof(T) == typeof(float) ? Unsafe.BitCast<T, float>(value) : Unsafe.BitCast<T, double>(value);
}
