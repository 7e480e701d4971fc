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

    /// <summary>
    /// Sums whose element functions use other reductions of the row: a log-sum-exp written by hand around the row's
    /// maximum, the weighted spread of the logits around their mean, and a mean of the softmax's log.
    /// </summary>
    [Loss]
    public static partial T NestedReductions<T>(ReadOnlySpan<T> logits, int target, [ClassWeights] ReadOnlySpan<T> weight, [Default(0.1)] T spread)
        where T : IFloatingPointIeee754<T>
    {
        var max = LossMath.Max(logits);
        var logSumExp = max + T.Log(LossMath.Sum(logits, x => T.Exp(x - max)));
        var mean = LossMath.Mean(logits);
        return weight[target] * (logSumExp - logits[target])
            + spread * LossMath.Sum(weight, logits, (w, x) => w * (x - mean) * (x - mean))
            + spread * LossMath.Mean(logits, x => logSumExp - x);
    }

    /// <summary>A log-sum-exp inside a sum inside a log-sum-exp: three levels of reductions, each using the one before.</summary>
    [Loss]
    public static partial double StackedReductions(ReadOnlySpan<double> logits, int target)
    {
        var logSumExp = LossMath.LogSumExp(logits);
        var spread = LossMath.Mean(logits, x => (x - logSumExp) * (x - logSumExp));
        return LossMath.LogSumExp(logits, x => x * spread) - logits[target] * spread;
    }
}
