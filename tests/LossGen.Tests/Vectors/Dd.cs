using System;

namespace LossGen.Tests;

/// <summary>
/// A double-double number Hi + Lo with |Lo| ≤ ulp(Hi)/2, carrying about 106 significant bits
/// (Dekker / Bailey's QD arithmetic, with the exact product from a fused multiply-add), and the reference functions
/// computed with it from first principles, so a result a few ulps off in double shows up as such. Below the normal
/// range Lo underflows, so a subnormal reference is itself rounded to within half a subnormal ulp.
/// </summary>
internal readonly record struct Dd(double Hi, double Lo)
{
    /// <summary>ln 2 to 106 bits.</summary>
    public static readonly Dd Ln2 = new(6.931471805599452862e-01, 2.319046813846299558e-17);

    /// <summary>ln 10 to 106 bits.</summary>
    public static readonly Dd Ln10 = new(2.302585092994046, -2.1707562233822494e-16);

    // π/2 in four parts, each the double nearest to what the previous ones leave (about 210 bits in all).
    private const double HalfPi1 = 1.5707963267948966;
    private const double HalfPi2 = 6.123233995736766e-17;
    private const double HalfPi3 = -1.4973849048591698e-33;
    private const double HalfPi4 = 5.562271104316826e-50;

    public static implicit operator Dd(double value) => new(value, 0);

    public static Dd operator -(Dd a) => new(-a.Hi, -a.Lo);

    public static Dd operator +(Dd a, Dd b)
    {
        (double s, double e) = TwoSum(a.Hi, b.Hi);
        if (!double.IsFinite(s))
        {
            // An infinite or NaN sum has no low part; the error terms would make it NaN.
            return s;
        }

        (double t, double f) = TwoSum(a.Lo, b.Lo);
        (s, e) = QuickTwoSum(s, e + t);
        (s, e) = QuickTwoSum(s, e + f);
        return new Dd(s, e);
    }

    public static Dd operator -(Dd a, Dd b) => a + -b;

    public static Dd operator *(Dd a, Dd b)
    {
        double p = a.Hi * b.Hi;
        if (!double.IsFinite(p))
        {
            return p;
        }

        double e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo + a.Lo * b.Hi);
        (p, e) = QuickTwoSum(p, e);
        return new Dd(p, e);
    }

    public static Dd operator /(Dd a, Dd b)
    {
        double q1 = a.Hi / b.Hi;
        Dd r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        (double q, double e) = QuickTwoSum(q1, q2);
        return new Dd(q, e) + q3;
    }

    /// <summary>exp(x): exp(x) = 2ᵏ·exp(r)¹⁰²⁴ with |r| ≤ ln2/2048, and exp(r) from its Taylor series.</summary>
    public static Dd Exp(Dd x)
    {
        if (x.Hi > 709.8)
        {
            return double.PositiveInfinity;
        }

        if (x.Hi < -746)
        {
            return 0;
        }

        double k = Math.Round(x.Hi / Ln2.Hi);
        Dd r = x - Ln2 * k;
        r = new Dd(r.Hi / 1024, r.Lo / 1024);
        Dd term = 1;
        Dd sum = 1;
        for (int n = 1; Math.Abs(term.Hi) > 1e-36; n++)
        {
            term = term * r / n;
            sum += term;
        }

        for (int i = 0; i < 10; i++)
        {
            sum *= sum;
        }

        return new Dd(Math.ScaleB(sum.Hi, (int)k), Math.ScaleB(sum.Lo, (int)k));
    }

    /// <summary>exp(x) - 1, by its Taylor series for |x| &lt; 1/2 where the subtraction would cancel.</summary>
    public static Dd Expm1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Exp(x) - 1;
        }

        Dd term = x;
        Dd sum = x;
        for (int n = 2; term.Hi != 0 && Math.Abs(term.Hi) > 1e-36 * Math.Abs(sum.Hi); n++)
        {
            term = term * x / n;
            sum += term;
        }

        return sum;
    }

    /// <summary>
    /// log(a) for finite a &gt; 0: a = 2ᵉm with m in [1, 2), so that exp(-z) neither over- nor underflows, then
    /// Math.Log(m) refined by Newton's method z ← z + m·exp(-z) - 1.
    /// </summary>
    public static Dd Log(Dd a)
    {
        int e = Math.ILogB(a.Hi);
        Dd m = new(Math.ScaleB(a.Hi, -e), Math.ScaleB(a.Lo, -e));
        Dd z = Math.Log(m.Hi);
        for (int i = 0; i < 2; i++)
        {
            z = z + m * Exp(-z) - 1;
        }

        return z + Ln2 * e;
    }

    /// <summary>log(1 + y), by 2·atanh(y / (2 + y)) = 2 Σ s²ᵏ⁺¹/(2k + 1) for small |y| where 1 + y would lose digits.</summary>
    public static Dd Log1p(Dd y)
    {
        if (Math.Abs(y.Hi) >= 0.25)
        {
            return Log(1 + y);
        }

        Dd s = y / (2 + y);
        Dd s2 = s * s;
        Dd power = s;
        Dd sum = s;
        for (int k = 1; power.Hi != 0 && Math.Abs(power.Hi) > 1e-36 * Math.Abs(sum.Hi); k++)
        {
            power *= s2;
            sum += power / (2 * k + 1);
        }

        return 2 * sum;
    }

    /// <summary>log(y) for y &gt; 0, through <see cref="Log1p"/> near 1 where the result is small.</summary>
    public static Dd LogOf(double y) =>
        Math.Abs(y - 1) < 0.25 ? Log1p((Dd)y - 1) : Log(y);

    /// <summary>log₂ y for finite y &gt; 0.</summary>
    public static Dd Log2(double y) => LogOf(y) / Ln2;

    /// <summary>log₁₀ y for finite y &gt; 0.</summary>
    public static Dd Log10(double y) => LogOf(y) / Ln10;

    /// <summary>σ(x), in the form that does not overflow for either sign.</summary>
    public static Dd Sigmoid(double x) =>
        x >= -700 ? 1 / (1 + Exp(-(Dd)x)) : Exp(x) / (1 + Exp(x));

    /// <summary>log(1 + eˣ).</summary>
    public static Dd Softplus(double x) =>
        x <= 700 ? Log1p(Exp(x)) : x + Log1p(Exp(-(Dd)x));

    /// <summary>log σ(x) = -softplus(-x).</summary>
    public static Dd LogSigmoid(double x) => -Softplus(-x);

    /// <summary>log(cosh x), from the series of cosh x - 1 below 1, where it never cancels.</summary>
    public static Dd LogCosh(double x)
    {
        double a = Math.Abs(x);
        if (a < 1)
        {
            // cosh a - 1 = Σ a²ᵏ/(2k)!, summed directly so the reference never cancels.
            Dd a2 = (Dd)a * a;
            Dd term = a2 / 2;
            Dd sum = term;
            for (int k = 2; term.Hi != 0 && Math.Abs(term.Hi) > 1e-36 * sum.Hi; k++)
            {
                term = term * a2 / ((2.0 * k - 1) * (2.0 * k));
                sum += term;
            }

            return Log1p(sum);
        }

        return a < 700
            ? Log((Exp(a) + Exp(-(Dd)a)) / 2)
            : a - Ln2;
    }

    /// <summary>tanh x: t/(t + 2) with t = e^2x - 1 near 0, (1 - e^-2|x|)/(1 + e^-2|x|) beyond.</summary>
    public static Dd Tanh(double x)
    {
        double a = Math.Abs(x);
        Dd result;
        if (a < 0.5)
        {
            Dd t = Expm1(2 * a);
            result = t / (t + 2);
        }
        else if (a > 400)
        {
            // 1 - tanh a ≈ 2e⁻²ᵃ is far below the last bit; -2a itself could overflow.
            result = 1;
        }
        else
        {
            Dd e = Exp(-2 * (Dd)a);
            result = (1 - e) / (1 + e);
        }

        return x < 0 ? -result : result;
    }

    /// <summary>sinh x: (t + t/(t + 1))/2 with t = e^|x| - 1, which never cancels; e^(|x| - ln 2) where e^-|x| is negligible.</summary>
    public static Dd Sinh(double x)
    {
        double a = Math.Abs(x);
        Dd result;
        if (a < 40)
        {
            Dd t = Expm1(a);
            result = (t + t / (t + 1)) / 2;
        }
        else
        {
            result = Exp(a - Ln2);
        }

        return x < 0 ? -result : result;
    }

    /// <summary>cosh x.</summary>
    public static Dd Cosh(double x)
    {
        double a = Math.Abs(x);
        return a < 40 ? (Exp(a) + Exp(-(Dd)a)) / 2 : Exp(a - Ln2);
    }

    /// <summary>∛x, one Newton step in double-double from Math.Cbrt, on x scaled by 2³ᵏ into [1, 8).</summary>
    public static Dd Cbrt(double x)
    {
        if (x == 0 || !double.IsFinite(x))
        {
            return x;
        }

        double a = Math.Abs(x);
        int k = (int)Math.Floor(Math.ILogB(a) / 3.0);
        double scaled = Math.ScaleB(a, -3 * k);
        Dd y = Math.Cbrt(scaled);
        y -= (y * y * y - scaled) / (3 * y * y);
        Dd result = new(Math.ScaleB(y.Hi, k), Math.ScaleB(y.Lo, k));
        return x < 0 ? -result : result;
    }

    /// <summary>sin x, for |x| up to about 10¹⁵.</summary>
    public static Dd Sin(double x)
    {
        Dd r = ReduceHalfPi(x, out long quadrant);
        Dd value = (quadrant & 1) == 0 ? SinSeries(r) : CosSeries(r);
        return (quadrant & 2) == 0 ? value : -value;
    }

    /// <summary>cos x, for |x| up to about 10¹⁵.</summary>
    public static Dd Cos(double x)
    {
        Dd r = ReduceHalfPi(x, out long quadrant);
        quadrant++;
        Dd value = (quadrant & 1) == 0 ? SinSeries(r) : CosSeries(r);
        return (quadrant & 2) == 0 ? value : -value;
    }

    /// <summary>tan x, for |x| up to about 10¹⁵.</summary>
    public static Dd Tan(double x)
    {
        Dd r = ReduceHalfPi(x, out long quadrant);
        return (quadrant & 1) == 0 ? SinSeries(r) / CosSeries(r) : -CosSeries(r) / SinSeries(r);
    }

    /// <summary>atan x, through π/2 - atan(1/|x|) above 1.</summary>
    public static Dd Atan(double x)
    {
        if (double.IsInfinity(x))
        {
            return x > 0 ? new Dd(HalfPi1, HalfPi2) : new Dd(-HalfPi1, -HalfPi2);
        }

        double a = Math.Abs(x);
        Dd result = a <= 1 ? AtanOfSmall(a) : new Dd(HalfPi1, HalfPi2) - AtanOfSmall(1 / (Dd)a);
        return x < 0 ? -result : result;
    }

    /// <summary>
    /// x^y: exp(y·log|x|) in double-double for finite nonzero x and finite y with the sign of odd integral powers of
    /// negative bases; elsewhere, where the result is exact (0, ∞, 1, NaN), <see cref="Math.Pow(double, double)"/>'s.
    /// </summary>
    public static Dd Pow(double x, double y)
    {
        if (x == 0 || !double.IsFinite(x) || !double.IsFinite(y) || y == 0 || x == 1 || (x < 0 && Math.Floor(y) != y))
        {
            return Math.Pow(x, y);
        }

        Dd result = Exp(y * LogOf(Math.Abs(x)));
        bool odd = Math.Abs(y) < 9007199254740992 && Math.Abs(y % 2) == 1;
        return x < 0 && odd ? -result : result;
    }

    /// <summary>x·log y, 0 where x = 0 and y is not NaN.</summary>
    public static Dd Xlogy(double x, double y) =>
        double.IsNaN(y) ? y : x == 0 ? 0 : y == 0 ? x * double.NegativeInfinity : y < 0 ? double.NaN : double.IsPositiveInfinity(y) ? x * y : x * LogOf(y);

    /// <summary>atan t for |t| ≤ 1: one Newton step y ← y - (sin y - t cos y)·cos y on tan y = t from Math.Atan, which squares its error.</summary>
    private static Dd AtanOfSmall(Dd t)
    {
        double y = Math.Atan(t.Hi);
        Dd cos = Cos(y);
        return y - (Sin(y) - t * cos) * cos;
    }

    /// <summary>x - q·π/2 with q = round(x·2/π): every product q·πᵢ is exact in double-double and every difference accurate to its own result.</summary>
    private static Dd ReduceHalfPi(double x, out long quadrant)
    {
        double q = Math.Round(x / HalfPi1);
        quadrant = (long)q;
        return (Dd)x - (Dd)q * HalfPi1 - (Dd)q * HalfPi2 - (Dd)q * HalfPi3 - (Dd)q * HalfPi4;
    }

    private static Dd SinSeries(Dd r)
    {
        Dd r2 = r * r;
        Dd term = r;
        Dd sum = r;
        for (int k = 1; term.Hi != 0 && Math.Abs(term.Hi) > 1e-36 * Math.Abs(sum.Hi); k++)
        {
            term = -term * r2 / ((2.0 * k) * (2.0 * k + 1));
            sum += term;
        }

        return sum;
    }

    private static Dd CosSeries(Dd r)
    {
        Dd r2 = r * r;
        Dd term = 1;
        Dd sum = 1;
        for (int k = 1; term.Hi != 0 && Math.Abs(term.Hi) > 1e-36; k++)
        {
            term = -term * r2 / ((2.0 * k - 1) * (2.0 * k));
            sum += term;
        }

        return sum;
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    private static (double Sum, double Error) QuickTwoSum(double a, double b)
    {
        double s = a + b;
        return (s, b - (s - a));
    }
}
