using System;
using LossGen;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The eight <c>custom/*</c> cases of <c>losses.json</c>, each declared with its <c>hyper.csharp</c> expression copied
/// verbatim (double), and a float twin written with <see cref="MathF"/> and <c>f</c> literals.
/// </summary>
/// <remarks>The reference tests check that every double body below is the JSON text, character for character.</remarks>
public static partial class ReferenceLosses
{
    [Loss] public static partial double PseudoHuber(double p, double y) => Math.Sqrt(1 + (p - y) * (p - y)) - 1;

    [Loss] public static partial double Cauchy(double p, double y) => Math.Log(1 + (p - y) * (p - y) / 4);

    [Loss] public static partial double GemanMcClure(double p, double y) => (p - y) * (p - y) / (1 + (p - y) * (p - y));

    // The reference's own naive text; its cases stay where Exp does not overflow.
#pragma warning disable LG0018
    [Loss] public static partial double LogisticPm1(double p, double y) => Math.Log(1 + Math.Exp(-y * p));
#pragma warning restore LG0018

    [Loss] public static partial double Tweedie15(double p, double y) => -y * Math.Exp(-0.5 * p) / -0.5 + Math.Exp(0.5 * p) / 0.5;

    [Loss] public static partial double AsymmetricSq(double p, double y) => (p - y) * (p - y) * (p > y ? 2.0 : 0.5);

    [Loss] public static partial double TanhMargin(double p, double y) => 1 - Math.Tanh(y * p);

    [Loss] public static partial double PowAbs(double p, double y) => Math.Pow(Math.Abs(p - y), 1.5);

    [Loss] public static partial float PseudoHuberF(float p, float y) => MathF.Sqrt(1 + (p - y) * (p - y)) - 1;

    [Loss] public static partial float CauchyF(float p, float y) => MathF.Log(1 + (p - y) * (p - y) / 4);

    [Loss] public static partial float GemanMcClureF(float p, float y) => (p - y) * (p - y) / (1 + (p - y) * (p - y));

#pragma warning disable LG0018
    [Loss] public static partial float LogisticPm1F(float p, float y) => MathF.Log(1 + MathF.Exp(-y * p));
#pragma warning restore LG0018

    [Loss] public static partial float Tweedie15F(float p, float y) => -y * MathF.Exp(-0.5f * p) / -0.5f + MathF.Exp(0.5f * p) / 0.5f;

    [Loss] public static partial float AsymmetricSqF(float p, float y) => (p - y) * (p - y) * (p > y ? 2.0f : 0.5f);

    [Loss] public static partial float TanhMarginF(float p, float y) => 1 - MathF.Tanh(y * p);

    [Loss] public static partial float PowAbsF(float p, float y) => MathF.Pow(MathF.Abs(p - y), 1.5f);
}
