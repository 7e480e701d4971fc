using LossGen;

namespace LossGen.MLNet.Tests;

/// <summary>
/// Losses whose derivative is the label the adapter passed, ℓ = label · prediction, so a test reads the converted label
/// straight from <c>Derivative</c>.
/// </summary>
public static partial class ProbeLosses
{
    [Loss(Labels = LossLabels.ZeroOne)]
    public static partial float ZeroOneEcho(float prediction, float target) => target * prediction;

    [Loss(Labels = LossLabels.MinusOnePlusOne)]
    public static partial float PlusMinusEcho(float prediction, float target) => target * prediction;

    [Loss]
    public static partial float AnyEcho(float prediction, float target) => target * prediction;
}
