using System;
using System.Numerics;

namespace LossGen.Tests.Rows;

/// <summary>Row-wise losses that exercise what the built-ins do not: Max with its ties, a log-sum-exp of a lambda, a mean of a lambda.</summary>
public static partial class TestRowLosses
{
    /// <summary>The margin of the largest logit over the target's.</summary>
    [Loss]
    public static partial double MaxMargin(ReadOnlySpan<double> logits, int target) => LossMath.Max(logits) - logits[target];

    /// <summary>Cross-entropy at a temperature, with a squared-logit penalty: log-sum-exp and mean of lambdas.</summary>
    [Loss]
    public static partial T TemperedCrossEntropy<T>(ReadOnlySpan<T> logits, int target, [Positive, Default(2.0)] T temperature, [Default(0.01)] T penalty)
        where T : IFloatingPointIeee754<T> =>
        LossMath.LogSumExp(logits, x => x / temperature) - logits[target] / temperature + penalty * LossMath.Mean(logits, x => x * x);

    /// <summary>A soft-target loss over two rows inside one lambda, and the row maximum of a lambda.</summary>
    [Loss]
    public static partial float SquaredDistance(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target) =>
        LossMath.Sum(prediction, target, (p, t) => (p - t) * (p - t)) + LossMath.Max(prediction, p => 0.5f * p);
}
