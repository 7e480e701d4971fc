using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Internal;

/// <summary>
/// A <see cref="Vector256{T}"/> of 8 floats or 4 doubles as an <see cref="ILossVector{TSelf, T}"/>. The math is the
/// interface's; this type supplies the primitives. Not for direct use.
/// </summary>
/// <typeparam name="T">The element type: float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LossVector256<T> : ILossVector<LossVector256<T>, T>
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>VGETMANT's control: significands in [1, 2), sign bit cleared.</summary>
    private const byte SignificandOfMagnitude = 0b0100;

    private readonly Vector256<T> _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LossVector256(Vector256<T> value) => _value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Count;
    }

    /// <inheritdoc/>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
    }

    /// <inheritdoc/>
    public static LossVector256<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<T>.Zero);
    }

    /// <inheritdoc/>
    public static LossVector256<T> One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<T>.One);
    }

    /// <inheritdoc/>
    public static LossVector256<T> Indices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<T>.Indices);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Create(T value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> LoadUnsafe(ref readonly T source, nuint offset) => new(Vector256.LoadUnsafe(in source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(LossVector256<T> value, ref T destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(LossVector256<T> value, int index) => value._value.GetElement(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> operator +(LossVector256<T> left, LossVector256<T> right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> operator -(LossVector256<T> left, LossVector256<T> right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> operator *(LossVector256<T> left, LossVector256<T> right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> operator /(LossVector256<T> left, LossVector256<T> right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> operator -(LossVector256<T> value) => new(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> FusedMultiplyAdd(LossVector256<T> a, LossVector256<T> b, LossVector256<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector256.FusedMultiplyAdd(a._value.AsSingle(), b._value.AsSingle(), c._value.AsSingle()).As<float, T>());
        }

        return new(Vector256.FusedMultiplyAdd(a._value.AsDouble(), b._value.AsDouble(), c._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Equal(LossVector256<T> a, LossVector256<T> b) => new(Vector256.Equals(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> NotEqual(LossVector256<T> a, LossVector256<T> b) => new(~Vector256.Equals(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> LessThan(LossVector256<T> a, LossVector256<T> b) => new(Vector256.LessThan(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> LessThanOrEqual(LossVector256<T> a, LossVector256<T> b) => new(Vector256.LessThanOrEqual(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> GreaterThan(LossVector256<T> a, LossVector256<T> b) => new(Vector256.GreaterThan(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> GreaterThanOrEqual(LossVector256<T> a, LossVector256<T> b) => new(Vector256.GreaterThanOrEqual(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> IsNaN(LossVector256<T> x) => new(Vector256.IsNaN(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> And(LossVector256<T> a, LossVector256<T> b) => new(a._value & b._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Or(LossVector256<T> a, LossVector256<T> b) => new(a._value | b._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Not(LossVector256<T> a) => new(~a._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Select(LossVector256<T> mask, LossVector256<T> whenTrue, LossVector256<T> whenFalse) =>
        new(Vector256.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Abs(LossVector256<T> x) => new(Vector256.Abs(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Max(LossVector256<T> a, LossVector256<T> b) => new(Vector256.Max(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Min(LossVector256<T> a, LossVector256<T> b) => new(Vector256.Min(a._value, b._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Sqrt(LossVector256<T> x) => new(Vector256.Sqrt(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Round(LossVector256<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector256.Round(x._value.AsSingle()).As<float, T>());
        }

        return new(Vector256.Round(x._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Floor(LossVector256<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return new(Vector256.Floor(x._value.AsSingle()).As<float, T>());
        }

        return new(Vector256.Floor(x._value.AsDouble()).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> CopySign(LossVector256<T> value, LossVector256<T> sign) => new(Vector256.CopySign(value._value, sign._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> IsNegative(LossVector256<T> x) => new(Vector256.IsNegative(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyTrue(LossVector256<T> mask) => mask._value.ExtractMostSignificantBits() != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> ScaleB(LossVector256<T> x, LossVector256<T> n)
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<float> xs = x._value.AsSingle();
            Vector256<float> ns = n._value.AsSingle();
            if (Avx512F.VL.IsSupported)
            {
                return new(Avx512F.VL.Scale(xs, ns).As<float, T>());
            }

            // n in two halves, each 2^half a normal number, so x·2ⁿ rounds once, at the second product; beyond the clamp
            // the result is 0 or ∞ for every finite nonzero x anyway.
            ns = Vector256.Min(Vector256.Max(ns, Vector256.Create(-252f)), Vector256.Create(254f));
            Vector256<float> half = Vector256.Floor(ns * 0.5f);
            return new((xs * PowerOfTwo(half) * PowerOfTwo(ns - half)).As<float, T>());
        }

        Vector256<double> xd = x._value.AsDouble();
        Vector256<double> nd = n._value.AsDouble();
        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.Scale(xd, nd).As<double, T>());
        }

        nd = Vector256.Min(Vector256.Max(nd, Vector256.Create(-2044.0)), Vector256.Create(2046.0));
        Vector256<double> halfd = Vector256.Floor(nd * 0.5);
        return new((xd * PowerOfTwo(halfd) * PowerOfTwo(nd - halfd)).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> ILogB(LossVector256<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            if (Avx512F.VL.IsSupported)
            {
                return new(Avx512F.VL.GetExponent(x._value.AsSingle()).As<float, T>());
            }

            Vector256<float> a = Normalize(x._value.AsSingle(), out Vector256<float> shift);

            // The biased exponent OR-ed into the significand of 2²³ makes the float 2²³ + exponent field, which a
            // subtraction turns into the exponent exactly, with no integer-to-float conversion.
            Vector256<float> field = (Vector256.ShiftRightLogical(a.AsUInt32(), 23) | Vector256.Create(0x4B000000u)).AsSingle();
            return new((field - Vector256.Create(8388608f + 127f) - shift).As<float, T>());
        }

        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.GetExponent(x._value.AsDouble()).As<double, T>());
        }

        Vector256<double> ad = Normalize(x._value.AsDouble(), out Vector256<double> shiftd);
        Vector256<double> fieldd = (Vector256.ShiftRightLogical(ad.AsUInt64(), 52) | Vector256.Create(0x4330000000000000ul)).AsDouble();
        return new((fieldd - Vector256.Create(4503599627370496.0 + 1023.0) - shiftd).As<double, T>());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LossVector256<T> Significand(LossVector256<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            if (Avx512F.VL.IsSupported)
            {
                return new(Avx512F.VL.GetMantissa(x._value.AsSingle(), SignificandOfMagnitude).As<float, T>());
            }

            Vector256<float> a = Normalize(x._value.AsSingle(), out _);
            return new(((a.AsUInt32() & Vector256.Create(0x007FFFFFu)) | Vector256.Create(0x3F800000u)).As<uint, T>());
        }

        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.GetMantissa(x._value.AsDouble(), SignificandOfMagnitude).As<double, T>());
        }

        Vector256<double> ad = Normalize(x._value.AsDouble(), out _);
        return new(((ad.AsUInt64() & Vector256.Create(0x000FFFFFFFFFFFFFul)) | Vector256.Create(0x3FF0000000000000ul)).As<ulong, T>());
    }

    /// <summary>2ⁿ for integral n in [-126, 127]: n + 127 written into the exponent field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PowerOfTwo(Vector256<float> n) =>
        // 2²³ + 127 + n holds 127 + n in its low significand bits; the shift moves them into the exponent field and
        // pushes the exponent bits of 2²³ out of the lane.
        Vector256.ShiftLeft((n + Vector256.Create(8388608f + 127f)).AsUInt32(), 23).AsSingle();

    /// <summary>2ⁿ for integral n in [-1022, 1023].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowerOfTwo(Vector256<double> n) =>
        Vector256.ShiftLeft((n + Vector256.Create(4503599627370496.0 + 1023.0)).AsUInt64(), 52).AsDouble();

    /// <summary>|x| with subnormals scaled by 2²⁴ into the normal range, and the exponent added (24 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Normalize(Vector256<float> x, out Vector256<float> shift)
    {
        Vector256<float> a = Vector256.Abs(x);
        Vector256<float> subnormal = Vector256.LessThan(a, Vector256.Create(1.17549435E-38f));
        shift = subnormal & Vector256.Create(24f);
        return Vector256.ConditionalSelect(subnormal, a * 16777216f, a);
    }

    /// <summary>|x| with subnormals scaled by 2⁶⁴ into the normal range, and the exponent added (64 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Normalize(Vector256<double> x, out Vector256<double> shift)
    {
        Vector256<double> a = Vector256.Abs(x);
        Vector256<double> subnormal = Vector256.LessThan(a, Vector256.Create(2.2250738585072014E-308));
        shift = subnormal & Vector256.Create(64.0);
        return Vector256.ConditionalSelect(subnormal, a * 18446744073709551616.0, a);
    }
}
