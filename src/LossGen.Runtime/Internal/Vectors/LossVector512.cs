using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Internal;

/// <summary>
/// A <see cref="Vector512{T}"/> of 16 floats or 8 doubles as an <see cref="ILossVector{TSelf, T}"/>. The math is the
/// interface's; this type supplies the primitives. Supported only with AVX-512F (x86 is the only platform accelerating
/// <see cref="Vector512{T}"/>), so unlike the narrower widths it needs no portable exponent arithmetic. Not for direct use.
/// </summary>
/// <typeparam name="T">The element type: float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LossVector512<T> : ILossVector<LossVector512<T>, T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>VGETMANT's control: significands in [1, 2), sign bit cleared.</summary>
    private const byte SignificandOfMagnitude = 0b0100;

    private readonly Vector512<T> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LossVector512(Vector512<T> value) => _value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<T>.Count;
    }

    /// <inheritdoc/>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
    }

    /// <inheritdoc/>
    public static LossVector512<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<T>.Zero);
    }

    /// <inheritdoc/>
    public static LossVector512<T> One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<T>.One);
    }

    /// <inheritdoc/>
    public static LossVector512<T> Indices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<T>.Indices);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Create(T value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> LoadUnsafe(ref readonly T source, nuint offset) => new(Vector512.LoadUnsafe(in source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(LossVector512<T> value, ref T destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(LossVector512<T> value, int index) => value._value.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> operator +(LossVector512<T> left, LossVector512<T> right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> operator -(LossVector512<T> left, LossVector512<T> right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> operator *(LossVector512<T> left, LossVector512<T> right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> operator /(LossVector512<T> left, LossVector512<T> right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> operator -(LossVector512<T> value) => new(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> FusedMultiplyAdd(LossVector512<T> a, LossVector512<T> b, LossVector512<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector512.FusedMultiplyAdd(a._value.AsSingle(), b._value.AsSingle(), c._value.AsSingle()).As<float, T>());
        }

        return new(Vector512.FusedMultiplyAdd(a._value.AsDouble(), b._value.AsDouble(), c._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Equal(LossVector512<T> a, LossVector512<T> b) => new(Vector512.Equals(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> NotEqual(LossVector512<T> a, LossVector512<T> b) => new(~Vector512.Equals(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> LessThan(LossVector512<T> a, LossVector512<T> b) => new(Vector512.LessThan(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> LessThanOrEqual(LossVector512<T> a, LossVector512<T> b) => new(Vector512.LessThanOrEqual(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> GreaterThan(LossVector512<T> a, LossVector512<T> b) => new(Vector512.GreaterThan(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> GreaterThanOrEqual(LossVector512<T> a, LossVector512<T> b) => new(Vector512.GreaterThanOrEqual(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> IsNaN(LossVector512<T> x) => new(Vector512.IsNaN(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> And(LossVector512<T> a, LossVector512<T> b) => new(a._value & b._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Or(LossVector512<T> a, LossVector512<T> b) => new(a._value | b._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Not(LossVector512<T> a) => new(~a._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Select(LossVector512<T> mask, LossVector512<T> whenTrue, LossVector512<T> whenFalse) =>
        new(Vector512.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Abs(LossVector512<T> x) => new(Vector512.Abs(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Max(LossVector512<T> a, LossVector512<T> b) => new(Vector512.Max(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Min(LossVector512<T> a, LossVector512<T> b) => new(Vector512.Min(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Sqrt(LossVector512<T> x) => new(Vector512.Sqrt(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Round(LossVector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector512.Round(x._value.AsSingle()).As<float, T>());
        }

        return new(Vector512.Round(x._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Floor(LossVector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector512.Floor(x._value.AsSingle()).As<float, T>());
        }

        return new(Vector512.Floor(x._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> CopySign(LossVector512<T> value, LossVector512<T> sign) => new(Vector512.CopySign(value._value, sign._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> IsNegative(LossVector512<T> x) => new(Vector512.IsNegative(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyTrue(LossVector512<T> mask) => mask._value.ExtractMostSignificantBits() != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> ScaleB(LossVector512<T> x, LossVector512<T> n)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Avx512F.Scale(x._value.AsSingle(), n._value.AsSingle()).As<float, T>());
        }

        return new(Avx512F.Scale(x._value.AsDouble(), n._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> ILogB(LossVector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Avx512F.GetExponent(x._value.AsSingle()).As<float, T>());
        }

        return new(Avx512F.GetExponent(x._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector512<T> Significand(LossVector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Avx512F.GetMantissa(x._value.AsSingle(), SignificandOfMagnitude).As<float, T>());
        }

        return new(Avx512F.GetMantissa(x._value.AsDouble(), SignificandOfMagnitude).As<double, T>());
    }
}
