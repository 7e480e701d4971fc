using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Internal;

/// <summary>
/// A <see cref="Vector128{T}"/> of 4 floats or 2 doubles as an <see cref="ILossVector{TSelf, T}"/>. The math is the
/// interface's; this type supplies the primitives. Not for direct use.
/// </summary>
/// <typeparam name="T">The element type: float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LossVector128<T> : ILossVector<LossVector128<T>, T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>VGETMANT's control: significands in [1, 2), sign bit cleared.</summary>
    private const byte SignificandOfMagnitude = 0b0100;

    private readonly Vector128<T> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LossVector128(Vector128<T> value) => _value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<T>.Count;
    }

    /// <inheritdoc/>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
    }

    /// <inheritdoc/>
    public static LossVector128<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<T>.Zero);
    }

    /// <inheritdoc/>
    public static LossVector128<T> One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<T>.One);
    }

    /// <inheritdoc/>
    public static LossVector128<T> Indices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<T>.Indices);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Create(T value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> LoadUnsafe(ref readonly T source, nuint offset) => new(Vector128.LoadUnsafe(in source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(LossVector128<T> value, ref T destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(LossVector128<T> value, int index) => value._value.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> operator +(LossVector128<T> left, LossVector128<T> right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> operator -(LossVector128<T> left, LossVector128<T> right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> operator *(LossVector128<T> left, LossVector128<T> right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> operator /(LossVector128<T> left, LossVector128<T> right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> operator -(LossVector128<T> value) => new(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> FusedMultiplyAdd(LossVector128<T> a, LossVector128<T> b, LossVector128<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector128.FusedMultiplyAdd(a._value.AsSingle(), b._value.AsSingle(), c._value.AsSingle()).As<float, T>());
        }

        return new(Vector128.FusedMultiplyAdd(a._value.AsDouble(), b._value.AsDouble(), c._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Equal(LossVector128<T> a, LossVector128<T> b) => new(Vector128.Equals(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> NotEqual(LossVector128<T> a, LossVector128<T> b) => new(~Vector128.Equals(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> LessThan(LossVector128<T> a, LossVector128<T> b) => new(Vector128.LessThan(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> LessThanOrEqual(LossVector128<T> a, LossVector128<T> b) => new(Vector128.LessThanOrEqual(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> GreaterThan(LossVector128<T> a, LossVector128<T> b) => new(Vector128.GreaterThan(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> GreaterThanOrEqual(LossVector128<T> a, LossVector128<T> b) => new(Vector128.GreaterThanOrEqual(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> IsNaN(LossVector128<T> x) => new(Vector128.IsNaN(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> And(LossVector128<T> a, LossVector128<T> b) => new(a._value & b._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Or(LossVector128<T> a, LossVector128<T> b) => new(a._value | b._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Not(LossVector128<T> a) => new(~a._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Select(LossVector128<T> mask, LossVector128<T> whenTrue, LossVector128<T> whenFalse) =>
        new(Vector128.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Abs(LossVector128<T> x) => new(Vector128.Abs(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Max(LossVector128<T> a, LossVector128<T> b) => new(Vector128.Max(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Min(LossVector128<T> a, LossVector128<T> b) => new(Vector128.Min(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Sqrt(LossVector128<T> x) => new(Vector128.Sqrt(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Round(LossVector128<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector128.Round(x._value.AsSingle()).As<float, T>());
        }

        return new(Vector128.Round(x._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Floor(LossVector128<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector128.Floor(x._value.AsSingle()).As<float, T>());
        }

        return new(Vector128.Floor(x._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> CopySign(LossVector128<T> value, LossVector128<T> sign) => new(Vector128.CopySign(value._value, sign._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> IsNegative(LossVector128<T> x) => new(Vector128.IsNegative(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyTrue(LossVector128<T> mask) => mask._value.ExtractMostSignificantBits() != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> ScaleB(LossVector128<T> x, LossVector128<T> n)
    {
        if (typeof(T) == typeof(float))
        {
            Vector128<float> xs = x._value.AsSingle();
            Vector128<float> ns = n._value.AsSingle();
            if (Avx512F.VL.IsSupported)
            {
                return new(Avx512F.VL.Scale(xs, ns).As<float, T>());
            }

            // n in two halves, each 2^half a normal number, so x·2ⁿ rounds once, at the second product; beyond the clamp
            // the result is 0 or ∞ for every finite nonzero x anyway.
            ns = Vector128.Min(Vector128.Max(ns, Vector128.Create(-252f)), Vector128.Create(254f));
            Vector128<float> half = Vector128.Floor(ns * 0.5f);
            return new((xs * PowerOfTwo(half) * PowerOfTwo(ns - half)).As<float, T>());
        }

        Vector128<double> xd = x._value.AsDouble();
        Vector128<double> nd = n._value.AsDouble();
        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.Scale(xd, nd).As<double, T>());
        }

        nd = Vector128.Min(Vector128.Max(nd, Vector128.Create(-2044.0)), Vector128.Create(2046.0));
        Vector128<double> halfd = Vector128.Floor(nd * 0.5);
        return new((xd * PowerOfTwo(halfd) * PowerOfTwo(nd - halfd)).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> ILogB(LossVector128<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            if (Avx512F.VL.IsSupported)
            {
                return new(Avx512F.VL.GetExponent(x._value.AsSingle()).As<float, T>());
            }

            Vector128<float> a = Normalize(x._value.AsSingle(), out Vector128<float> shift);

            // The biased exponent OR-ed into the significand of 2²³ makes the float 2²³ + exponent field, which a
            // subtraction turns into the exponent exactly, with no integer-to-float conversion.
            Vector128<float> field = (Vector128.ShiftRightLogical(a.AsUInt32(), 23) | Vector128.Create(0x4B000000u)).AsSingle();
            return new((field - Vector128.Create(8388608f + 127f) - shift).As<float, T>());
        }

        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.GetExponent(x._value.AsDouble()).As<double, T>());
        }

        Vector128<double> ad = Normalize(x._value.AsDouble(), out Vector128<double> shiftd);
        Vector128<double> fieldd = (Vector128.ShiftRightLogical(ad.AsUInt64(), 52) | Vector128.Create(0x4330000000000000ul)).AsDouble();
        return new((fieldd - Vector128.Create(4503599627370496.0 + 1023.0) - shiftd).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector128<T> Significand(LossVector128<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            if (Avx512F.VL.IsSupported)
            {
                return new(Avx512F.VL.GetMantissa(x._value.AsSingle(), SignificandOfMagnitude).As<float, T>());
            }

            Vector128<float> a = Normalize(x._value.AsSingle(), out _);
            return new(((a.AsUInt32() & Vector128.Create(0x007FFFFFu)) | Vector128.Create(0x3F800000u)).As<uint, T>());
        }

        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.GetMantissa(x._value.AsDouble(), SignificandOfMagnitude).As<double, T>());
        }

        Vector128<double> ad = Normalize(x._value.AsDouble(), out _);
        return new(((ad.AsUInt64() & Vector128.Create(0x000FFFFFFFFFFFFFul)) | Vector128.Create(0x3FF0000000000000ul)).As<ulong, T>());
    }

    /// <summary>2ⁿ for integral n in [-126, 127]: n + 127 written into the exponent field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PowerOfTwo(Vector128<float> n) =>
        // 2²³ + 127 + n holds 127 + n in its low significand bits; the shift moves them into the exponent field and
        // pushes the exponent bits of 2²³ out of the lane.
        Vector128.ShiftLeft((n + Vector128.Create(8388608f + 127f)).AsUInt32(), 23).AsSingle();

    /// <summary>2ⁿ for integral n in [-1022, 1023].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> PowerOfTwo(Vector128<double> n) =>
        Vector128.ShiftLeft((n + Vector128.Create(4503599627370496.0 + 1023.0)).AsUInt64(), 52).AsDouble();

    /// <summary>|x| with subnormals scaled by 2²⁴ into the normal range, and the exponent added (24 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Normalize(Vector128<float> x, out Vector128<float> shift)
    {
        Vector128<float> a = Vector128.Abs(x);
        Vector128<float> subnormal = Vector128.LessThan(a, Vector128.Create(1.17549435E-38f));
        shift = subnormal & Vector128.Create(24f);
        return Vector128.ConditionalSelect(subnormal, a * 16777216f, a);
    }

    /// <summary>|x| with subnormals scaled by 2⁶⁴ into the normal range, and the exponent added (64 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Normalize(Vector128<double> x, out Vector128<double> shift)
    {
        Vector128<double> a = Vector128.Abs(x);
        Vector128<double> subnormal = Vector128.LessThan(a, Vector128.Create(2.2250738585072014E-308));
        shift = subnormal & Vector128.Create(64.0);
        return Vector128.ConditionalSelect(subnormal, a * 18446744073709551616.0, a);
    }
}
