using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossGen.Internal;

/// <summary>
/// What generated 256-bit loss kernels call on <see cref="Vector256{T}"/> beyond .NET's operators and
/// <see cref="Vector256"/> methods: the math of the derivative rule table, constants, lane sums. Each function forwards
/// to <see cref="LossVector256"/>'s float or double version; the JIT keeps only the one <typeparamref name="T"/> takes.
/// Not for direct use.
/// </summary>
/// <typeparam name="T">The element type: float or double (any other has no vector kernel).</typeparam>
/// <remarks>The files LossVector128/256/512.Generic.cs are the same text but for the width, which a test checks.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossVector256<T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Whether 256-bit vectors are hardware accelerated here and <typeparamref name="T"/> is float or double.</summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => LossVector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
    }

    /// <inheritdoc cref="LossVector256.Exp(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Exp(x.AsSingle()).As<float, T>() : LossVector256.Exp(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Expm1(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Expm1(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Expm1(x.AsSingle()).As<float, T>() : LossVector256.Expm1(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Log(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Log(x.AsSingle()).As<float, T>() : LossVector256.Log(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Log2(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log2(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Log2(x.AsSingle()).As<float, T>() : LossVector256.Log2(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Log10(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log10(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Log10(x.AsSingle()).As<float, T>() : LossVector256.Log10(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Log1p(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log1p(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Log1p(x.AsSingle()).As<float, T>() : LossVector256.Log1p(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Pow(Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Pow(Vector256<T> x, Vector256<T> y) =>
        typeof(T) == typeof(float) ? LossVector256.Pow(x.AsSingle(), y.AsSingle()).As<float, T>() : LossVector256.Pow(x.AsDouble(), y.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Cbrt(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Cbrt(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Cbrt(x.AsSingle()).As<float, T>() : LossVector256.Cbrt(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Sign(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sign(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Sign(x.AsSingle()).As<float, T>() : LossVector256.Sign(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Clamp(Vector256{float}, Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Clamp(Vector256<T> x, Vector256<T> lo, Vector256<T> hi) =>
        typeof(T) == typeof(float) ? LossVector256.Clamp(x.AsSingle(), lo.AsSingle(), hi.AsSingle()).As<float, T>() : LossVector256.Clamp(x.AsDouble(), lo.AsDouble(), hi.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Tanh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Tanh(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Tanh(x.AsSingle()).As<float, T>() : LossVector256.Tanh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Sinh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sinh(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Sinh(x.AsSingle()).As<float, T>() : LossVector256.Sinh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Cosh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Cosh(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Cosh(x.AsSingle()).As<float, T>() : LossVector256.Cosh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Sin(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sin(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Sin(x.AsSingle()).As<float, T>() : LossVector256.Sin(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Cos(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Cos(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Cos(x.AsSingle()).As<float, T>() : LossVector256.Cos(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Tan(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Tan(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Tan(x.AsSingle()).As<float, T>() : LossVector256.Tan(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Atan(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Atan(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Atan(x.AsSingle()).As<float, T>() : LossVector256.Atan(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Sigmoid(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sigmoid(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Sigmoid(x.AsSingle()).As<float, T>() : LossVector256.Sigmoid(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Softplus(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Softplus(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.Softplus(x.AsSingle()).As<float, T>() : LossVector256.Softplus(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.LogSigmoid(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LogSigmoid(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.LogSigmoid(x.AsSingle()).As<float, T>() : LossVector256.LogSigmoid(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.LogCosh(Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LogCosh(Vector256<T> x) =>
        typeof(T) == typeof(float) ? LossVector256.LogCosh(x.AsSingle()).As<float, T>() : LossVector256.LogCosh(x.AsDouble()).As<double, T>();

    /// <inheritdoc cref="LossVector256.Xlogy(Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Xlogy(Vector256<T> x, Vector256<T> y) =>
        typeof(T) == typeof(float) ? LossVector256.Xlogy(x.AsSingle(), y.AsSingle()).As<float, T>() : LossVector256.Xlogy(x.AsDouble(), y.AsDouble()).As<double, T>();

    /// <summary>All lanes <paramref name="value"/> rounded to <typeparamref name="T"/>: a constant of a generic kernel.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The vector.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Constant(double value) =>
        typeof(T) == typeof(float) ? Vector256.Create((float)value).As<float, T>() : Vector256.Create(value).As<double, T>();

    /// <summary>Mask of a ≠ b, true where either is NaN.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The mask.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> NotEqual(Vector256<T> a, Vector256<T> b) => ~Vector256.Equals(a, b);

    /// <summary>The largest lane of <paramref name="value"/>; NaN if a lane is NaN.</summary>
    /// <param name="value">The vector.</param>
    /// <returns>The maximum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxAcross(Vector256<T> value)
    {
        T max = value.GetElement(0);
        for (int lane = 1; lane < Vector256<T>.Count; lane++)
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
    public static Vector256<T> LanesFrom(Vector256<T> value, nuint first) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Constant((double)first)), value, Vector256<T>.Zero);

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
    /// to an inlined method in registers, but not a struct of two 256-bit vectors, whose running sums would go through
    /// memory on every iteration of the loop.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddCompensated(ref Vector256<T> sum, ref Vector256<T> compensation, Vector256<T> terms)
    {
        Vector256<T> total = sum + terms;
        compensation += Vector256.ConditionalSelect(
            Vector256.GreaterThanOrEqual(Vector256.Abs(sum), Vector256.Abs(terms)),
            (sum - total) + terms,
            (terms - total) + sum);
        sum = total;
    }

    /// <summary>The lanes of a compensated sum (<see cref="AddCompensated"/>) added into one in double, lane 0 first.</summary>
    /// <param name="sum">The sums, lane by lane.</param>
    /// <param name="compensation">The compensations, lane by lane.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CompensatedSum Total(Vector256<T> sum, Vector256<T> compensation)
    {
        var total = new CompensatedSum();
        for (int lane = 0; lane < Vector256<T>.Count; lane++)
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
        Vector256<T> sum = Vector256<T>.Zero, compensation = Vector256<T>.Zero;
        for (count = 0; count <= values.Length - Vector256<T>.Count; count += Vector256<T>.Count)
        {
            AddCompensated(ref sum, ref compensation, Vector256.Create(values[count..]));
        }

        return Total(sum, compensation);
    }

    /// <summary>A float or double lane as a double, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ToDouble(T value) => typeof(T) == typeof(float) ? Unsafe.BitCast<T, float>(value) : Unsafe.BitCast<T, double>(value);
}
