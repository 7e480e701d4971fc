using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossGen.Internal;

/// <summary>
/// What generated 128-bit loss kernels call on <see cref="Vector128{T}"/> beyond .NET's operators and
/// <see cref="Vector128"/> methods: the math of the derivative rule table, constants, lane sums. Each function forwards
/// to <see cref="LossVector128"/>'s float or double version; the JIT keeps only the one <typeparamref name="T"/> takes.
/// Not for direct use.
/// </summary>
/// <typeparam name="T">The element type: float or double (any other has no vector kernel).</typeparam>
/// <remarks>The files LossVector128/256/512.Generic.cs are the same text but for the width, which a test checks.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossVector128<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Whether 128-bit vectors are hardware accelerated here and <typeparamref name="T"/> is float or double.</summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => LossVector128.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
    }

    /// <inheritdoc cref="LossVector128.Exp(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Exp(x.AsSingle()).As<float, T>() : LossVector128.Exp(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Expm1(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Expm1(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Expm1(x.AsSingle()).As<float, T>() : LossVector128.Expm1(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Log(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Log(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Log(x.AsSingle()).As<float, T>() : LossVector128.Log(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Log2(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Log2(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Log2(x.AsSingle()).As<float, T>() : LossVector128.Log2(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Log10(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Log10(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Log10(x.AsSingle()).As<float, T>() : LossVector128.Log10(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Log1p(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Log1p(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Log1p(x.AsSingle()).As<float, T>() : LossVector128.Log1p(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Pow(Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Pow(Vector128<T> x, Vector128<T> y) =>
        typeof(T) == typeof(float) ? LossVector128.Pow(x.AsSingle(), y.AsSingle()).As<float, T>() : LossVector128.Pow(x.AsDouble(), y.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Cbrt(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Cbrt(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Cbrt(x.AsSingle()).As<float, T>() : LossVector128.Cbrt(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Sign(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sign(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Sign(x.AsSingle()).As<float, T>() : LossVector128.Sign(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Clamp(Vector128{float}, Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Clamp(Vector128<T> x, Vector128<T> lo, Vector128<T> hi) =>
        typeof(T) == typeof(float) ? LossVector128.Clamp(x.AsSingle(), lo.AsSingle(), hi.AsSingle()).As<float, T>() : LossVector128.Clamp(x.AsDouble(), lo.AsDouble(), hi.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Tanh(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Tanh(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Tanh(x.AsSingle()).As<float, T>() : LossVector128.Tanh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Sinh(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sinh(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Sinh(x.AsSingle()).As<float, T>() : LossVector128.Sinh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Cosh(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Cosh(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Cosh(x.AsSingle()).As<float, T>() : LossVector128.Cosh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Sin(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sin(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Sin(x.AsSingle()).As<float, T>() : LossVector128.Sin(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Cos(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Cos(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Cos(x.AsSingle()).As<float, T>() : LossVector128.Cos(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Tan(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Tan(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Tan(x.AsSingle()).As<float, T>() : LossVector128.Tan(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Atan(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Atan(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Atan(x.AsSingle()).As<float, T>() : LossVector128.Atan(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Sigmoid(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sigmoid(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Sigmoid(x.AsSingle()).As<float, T>() : LossVector128.Sigmoid(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Softplus(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Softplus(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.Softplus(x.AsSingle()).As<float, T>() : LossVector128.Softplus(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.LogSigmoid(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LogSigmoid(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.LogSigmoid(x.AsSingle()).As<float, T>() : LossVector128.LogSigmoid(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.LogCosh(Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LogCosh(Vector128<T> x) =>
        typeof(T) == typeof(float) ? LossVector128.LogCosh(x.AsSingle()).As<float, T>() : LossVector128.LogCosh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector128.Xlogy(Vector128{float}, Vector128{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Xlogy(Vector128<T> x, Vector128<T> y) =>
        typeof(T) == typeof(float) ? LossVector128.Xlogy(x.AsSingle(), y.AsSingle()).As<float, T>() : LossVector128.Xlogy(x.AsDouble(), y.AsDouble()).As<double, T>();

    /// <summary>All lanes <paramref name="value"/> rounded to <typeparamref name="T"/>: a constant of a generic kernel.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The vector.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Constant(double value) =>
        typeof(T) == typeof(float) ? Vector128.Create((float)value).As<float, T>() : Vector128.Create(value).As<double, T>();

    /// <summary>Mask of a ≠ b, true where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> NotEqual(Vector128<T> a, Vector128<T> b) => ~Vector128.Equals(a, b);

    /// <summary>The largest lane of <paramref name="value"/>; NaN if a lane is NaN.</summary>
    /// <param name="value">The vector.</param>
    /// <returns>The maximum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxAcross(Vector128<T> value)
    {
        T max = value.GetElement(0);
        for (int lane = 1; lane < Vector128<T>.Count; lane++)
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
    public static Vector128<T> LanesFrom(Vector128<T> value, nuint first) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(Vector128<T>.Indices, Constant((double)first)), value, Vector128<T>.Zero);

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
    /// to an inlined method in registers, but not a struct of two 128-bit vectors, whose running sums would go through
    /// memory on every iteration of the loop.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddCompensated(ref Vector128<T> sum, ref Vector128<T> compensation, Vector128<T> terms)
    {
        Vector128<T> total = sum + terms;
        compensation += Vector128.ConditionalSelect(
            Vector128.GreaterThanOrEqual(Vector128.Abs(sum), Vector128.Abs(terms)),
            (sum - total) + terms,
            (terms - total) + sum);
        sum = total;
    }

    /// <summary>The lanes of a compensated sum (<see cref="AddCompensated"/>) added into one in double, lane 0 first.</summary>
    /// <param name="sum">The sums, lane by lane.</param>
    /// <param name="compensation">The compensations, lane by lane.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CompensatedSum Total(Vector128<T> sum, Vector128<T> compensation)
    {
        var total = new CompensatedSum();
        for (int lane = 0; lane < Vector128<T>.Count; lane++)
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
        Vector128<T> sum = Vector128<T>.Zero, compensation = Vector128<T>.Zero;
        for (count = 0; count <= values.Length - Vector128<T>.Count; count += Vector128<T>.Count)
        {
            AddCompensated(ref sum, ref compensation, Vector128.Create(values[count..]));
        }

        return Total(sum, compensation);
    }

    /// <summary>A float or double lane as a double, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble(T value) => typeof(T) == typeof(float) ? Unsafe.BitCast<T, float>(value) : Unsafe.BitCast<T, double>(value);
}
