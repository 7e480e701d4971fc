using System;
using LossGen;

namespace LossGen.Tests.Runtime;

/// <summary>
/// Losses that exercise the differentiator: hyperparameters, piecewise bodies (<c>?:</c>, <c>if</c>/<c>else</c>
/// returns, <see cref="Math.Max(double, double)"/>, <see cref="Math.Min(double, double)"/>,
/// <see cref="Math.Clamp(double, double, double)"/>), locals, every <see cref="LossMath"/> function and every
/// supported <see cref="Math"/> function. A loss the generator cannot compile yet is in <see cref="DerivativeTests"/>,
/// compiled while the tests run.
/// </summary>
public static partial class DerivativeLosses
{
    // ---- hyperparameters, locals ----

    [Loss]
    public static partial double ScaledCauchy(double p, double y, [Positive] double scale = 2.0)
    {
        var r = (p - y) / scale;
        return LossMath.Log1p(r * r);
    }

    [Loss]
    public static partial double GeneralizedCharbonnier(double p, double y, [Positive] double power = 0.75, [Positive] double eps = 0.1)
    {
        var r = p - y;
        var s = r * r + eps * eps;
        return Math.Pow(s, power) - Math.Pow(eps * eps, power);
    }

    // ---- piecewise ----

    /// <summary>Pinball loss with <see cref="Math.Max(double, double)"/>; kink at p = y.</summary>
    [Loss]
    public static partial double Quantile(double p, double y, [Range(0, 1)] double tau = 0.5) =>
        Math.Max(tau * (y - p), (tau - 1) * (y - p));

    /// <summary>Huber written with <c>if</c> returns and no <c>Abs</c>; kinks at p - y = ±delta.</summary>
    [Loss]
    public static partial double HuberIf(double p, double y, [Positive] double delta = 1.0)
    {
        var r = p - y;
        if (r > delta)
        {
            return delta * (r - 0.5 * delta);
        }

        if (r < -delta)
        {
            return -delta * (r + 0.5 * delta);
        }

        return 0.5 * r * r;
    }

    /// <summary>Log-cosh-like with <c>if</c>/<c>else</c> returns, both branches returning; kink at p = y.</summary>
    [Loss]
    public static partial double IfElseBranches(double p, double y)
    {
        var r = p - y;
        if (r >= 0)
        {
            return r * r * r / 3 + r * r;
        }
        else
        {
            var s = -r;
            return s * s;
        }
    }

    /// <summary>Smooth L1 with a nested <c>?:</c>; kinks at p - y = ±beta.</summary>
    [Loss]
    public static partial double SmoothL1Ternary(double p, double y, [Positive] double beta = 1.0)
    {
        var r = p - y;
        return r > beta ? r - 0.5 * beta : r < -beta ? -r - 0.5 * beta : 0.5 * r * r / beta;
    }

    /// <summary>Truncated square, <see cref="Math.Min(double, double)"/>; kinks at p - y = ±√cap.</summary>
    [Loss]
    public static partial double TruncatedSquare(double p, double y, [Positive] double cap = 4.0) =>
        Math.Min((p - y) * (p - y), cap);

    /// <summary>A clipped residual times the residual, <see cref="Math.Clamp(double, double, double)"/>; kinks at p - y = ±bound.</summary>
    [Loss]
    public static partial double ClampedResidual(double p, double y, [Positive] double bound = 1.5) =>
        Math.Clamp(p - y, -bound, bound) * (p - y);

    /// <summary>Squared hinge on ±1 labels with <see cref="Math.Max(double, double)"/>; kink at y·p = 1.</summary>
    [Loss]
    public static partial double SquaredHinge(double p, double y)
    {
        var margin = Math.Max(0, 1 - y * p);
        return margin * margin;
    }

    /// <summary>An <c>if</c> without <c>else</c> whose statements after it are the else branch; kink at p = y.</summary>
    [Loss]
    public static partial double AsymmetricExp(double p, double y)
    {
        var r = p - y;
        if (r < 0)
        {
            var s = 0.5 * r;
            return Math.Exp(s) - 1 - s;
        }

        return Math.Exp(r) - 1 - r;
    }

    /// <summary>Huber through <see cref="Math.Abs(double)"/> and <c>?:</c>; kinks at p = y (Abs) and |p - y| = delta.</summary>
    [Loss]
    public static partial double HuberAbs(double p, double y, [Positive] double delta = 1.0)
    {
        var a = Math.Abs(p - y);
        return a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
    }

    /// <summary>A condition with <c>!=</c>, which the SIMD kernels spell as a call of their own (there is no vector operator).</summary>
    [Loss]
    public static partial double NotAtTarget(double p, double y) => p != y ? Math.Abs(p - y) * (p - y) : 0.0;

    /// <summary>Epsilon-insensitive loss, <c>if</c>/<c>else</c> on <see cref="Math.Abs(double)"/>; kinks at |p - y| = epsilon.</summary>
    [Loss]
    public static partial double EpsilonInsensitive(double p, double y, [Positive] double epsilon = 0.5)
    {
        var a = Math.Abs(p - y);
        if (a > epsilon)
        {
            return a - epsilon;
        }
        else
        {
            return 0;
        }
    }

    // ---- helpers ----

    /// <summary>A <c>[Differentiable]</c> helper, inlined into <see cref="WithHelper"/>.</summary>
    [Differentiable]
    public static double Square(double x) => x * x;

    [Loss] public static partial double WithHelper(double p, double y) => Square(p - y) + 0.5 * Square(Math.Sin(p));

    /// <summary>Calls other <c>[Loss]</c> methods, one with its optional hyperparameter left out.</summary>
    [Loss]
    public static partial double CallsOtherLosses(double p, double y) =>
        ReferenceLosses.PseudoHuber(p, y) + 0.1 * ScaledCauchy(p, y) + 0.2 * ScaledCauchy(p, y, 0.5);

    // ---- LossMath ----

    [Loss] public static partial double BceWithLogits(double p, double y) => LossMath.Softplus(p) - y * p;

    [Loss]
    public static partial double LogSigmoidCrossEntropy(double p, double y) =>
        -y * LossMath.LogSigmoid(p) - (1 - y) * LossMath.LogSigmoid(-p);

    [Loss]
    public static partial double BrierOnLogits(double p, double y)
    {
        var q = LossMath.Sigmoid(p);
        return (q - y) * (q - y);
    }

    [Loss] public static partial double LogCosh(double p, double y) => LossMath.LogCosh(p - y);

    [Loss]
    public static partial double Expm1Log1p(double p, double y) =>
        LossMath.Expm1(0.3 * (p - y)) - 0.3 * (p - y) + LossMath.Log1p(p * p + y * y);

    /// <summary><c>Xlogy</c> with p only in the second argument: a Poisson NLL on a log-rate, y ≥ 0.</summary>
    [Loss]
    public static partial double PoissonXlogy(double p, double y) => Math.Exp(p) - LossMath.Xlogy(y, Math.Exp(p));

    /// <summary><c>Xlogy</c> with p in both arguments: Bernoulli KL(q ‖ y) with q = σ(p), 0 &lt; y &lt; 1.</summary>
    [Loss]
    public static partial double BernoulliKl(double p, double y)
    {
        var q = LossMath.Sigmoid(p);
        return LossMath.Xlogy(q, q / y) + LossMath.Xlogy(1 - q, (1 - q) / (1 - y));
    }

    // ---- Math ----

    [Loss] public static partial double ExpLoss(double p, double y) => Math.Exp(0.3 * (p - y)) - 0.3 * (p - y) - 1;

    [Loss] public static partial double LogSqrt(double p, double y) => Math.Log(1 + Math.Sqrt(1 + (p - y) * (p - y)));

    /// <summary>Kink (infinite slope) at p = y.</summary>
#pragma warning disable LG0023 // the tests stay away from p = y
    [Loss] public static partial double Cbrt(double p, double y) => Math.Cbrt(p - y) * (p - y);
#pragma warning restore LG0023

    [Loss] public static partial double PowConstantExponent(double p, double y) => Math.Pow(1 + (p - y) * (p - y), 0.7);

    [Loss]
    public static partial double PowHyperExponent(double p, double y, [Range(0.1, 3)] double power = 1.3) =>
        Math.Pow(1 + (p - y) * (p - y), power);

    /// <summary>p in the exponent, and in both base and exponent; y &gt; 0.</summary>
    [Loss] public static partial double PowVariableExponent(double p, double y) => Math.Pow(2, 0.5 * p) + Math.Pow(1 + p * p, 0.2 * y);

    [Loss] public static partial double TanhLoss(double p, double y) => y * Math.Tanh(p) + Math.Tanh(p - y) * Math.Tanh(p - y);

    [Loss] public static partial double SinhCosh(double p, double y) => Math.Cosh(0.5 * (p - y)) - 1 + 0.1 * Math.Sinh(p) * y;

    [Loss] public static partial double SinCos(double p, double y) => Math.Sin(p - y) + Math.Cos(p * y);

    /// <summary>|0.3 (p - y)| stays below π/2 for the sampled points.</summary>
    [Loss] public static partial double TanLoss(double p, double y) => Math.Tan(0.3 * (p - y)) * (p - y);

    [Loss] public static partial double AtanLoss(double p, double y) => (p - y) * Math.Atan(p - y);

    [Loss] public static partial double Log2Log10(double p, double y) => Math.Log2(1 + p * p) + Math.Log10(1 + (p - y) * (p - y));
}

/// <summary>Float twins of some hyperparameter and piecewise losses.</summary>
public static partial class DerivativeLossesF
{
    [Loss]
    public static partial float ScaledCauchy(float p, float y, [Positive] float scale = 2.0f)
    {
        var r = (p - y) / scale;
        return LossMath.Log1p(r * r);
    }

    [Loss]
    public static partial float Quantile(float p, float y, [Range(0, 1)] float tau = 0.5f) =>
        MathF.Max(tau * (y - p), (tau - 1) * (y - p));

    [Loss]
    public static partial float SmoothL1Ternary(float p, float y, [Positive] float beta = 1.0f)
    {
        var r = p - y;
        return r > beta ? r - 0.5f * beta : r < -beta ? -r - 0.5f * beta : 0.5f * r * r / beta;
    }

    [Loss] public static partial float BceWithLogits(float p, float y) => LossMath.Softplus(p) - y * p;

    [Loss] public static partial float LogCosh(float p, float y) => LossMath.LogCosh(p - y);
}
