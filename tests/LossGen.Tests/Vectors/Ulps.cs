using System;

namespace LossGen.Tests.Vectors;

/// <summary>
/// Errors in units in the last place of the exact value: ulp(v) = 2^(⌊log₂|v|⌋ - p + 1), at least the subnormal spacing.
/// NaN must meet NaN; an exact value beyond the largest finite number must meet the infinity it rounds to, and an
/// infinite result is counted as the power of two after the largest finite number.
/// </summary>
internal static class Ulps
{
    /// <summary>The error of a float result against a double-precision value, whose own error is 2⁻²⁹ float ulps.</summary>
    public static double OfSingle(float actual, double exact) => Error(actual, exact, 0, significandBits: 24, minExponent: -126, maxExponent: 127);

    /// <summary>The error of a double result against a double-double value.</summary>
    public static double OfDouble(double actual, Dd exact) => Error(actual, exact.Hi, exact.Lo, significandBits: 53, minExponent: -1022, maxExponent: 1023);

    private static double Error(double actual, double hi, double lo, int significandBits, int minExponent, int maxExponent)
    {
        if (double.IsNaN(hi) || double.IsNaN(actual))
        {
            return double.IsNaN(hi) && double.IsNaN(actual) ? 0 : double.PositiveInfinity;
        }

        double topUlp = Math.ScaleB(1.0, maxExponent - significandBits + 1);
        double overflow = Math.ScaleB(1.0, maxExponent + 1);
        double largest = overflow - topUlp;
        bool exactOverflows = Math.Abs(hi) >= largest + topUlp / 2;
        if (double.IsInfinity(actual) || exactOverflows)
        {
            if (Math.Sign(actual) != Math.Sign(hi))
            {
                return double.PositiveInfinity;
            }

            if (double.IsInfinity(actual) && exactOverflows)
            {
                return 0;
            }

            // One side is beyond the largest finite number: the distance to it with ∞ standing for 2^(emax + 1).
            double a = double.IsInfinity(actual) ? overflow : Math.Abs(actual);
            double e = double.IsInfinity(hi) ? double.PositiveInfinity : Math.Abs(hi);
            return Math.Abs(a - e) / topUlp;
        }

        double magnitude = Math.Abs(hi);
        int exponent = magnitude == 0 ? minExponent : Math.ILogB(magnitude);
        if (magnitude == Math.ScaleB(1.0, exponent) && lo != 0 && Math.Sign(lo) != Math.Sign(hi))
        {
            // Hi is a power of two and the exact value lies just below it, in the binade with the finer ulp.
            exponent--;
        }

        double ulp = Math.ScaleB(1.0, Math.Max(exponent, minExponent) - significandBits + 1);
        return Math.Abs((actual - hi) - lo) / ulp;
    }
}
