using System.Numerics;

namespace LossGen.Benchmarks;

/// <summary>What the targets of a loss look like.</summary>
public enum TargetKind
{
    /// <summary>A regression target: the prediction plus N(0, 1) noise, so residuals are N(0, 1).</summary>
    Regression,

    /// <summary>A hard label, 1 with probability σ(prediction): labels that a calibrated model's logits explain.</summary>
    Binary,
}

/// <summary>The inputs of every benchmark: fixed seed, predictions ~ N(0, 2²), targets by <see cref="TargetKind"/>.</summary>
public static class Inputs
{
    /// <summary>The seed; <c>pytorch_compare.py</c> draws from the same distributions (not the same numbers).</summary>
    public const int Seed = 20_240_611;

    /// <summary>The standard deviation of the predictions.</summary>
    public const double PredictionScale = 2.0;

    /// <summary>Fills <paramref name="prediction"/> and <paramref name="target"/> deterministically.</summary>
    public static void Fill<T>(Span<T> prediction, Span<T> target, TargetKind kind)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(Seed);
        for (var i = 0; i < prediction.Length; i++)
        {
            var p = PredictionScale * Normal(random);
            prediction[i] = T.CreateTruncating(p);
            target[i] = kind switch
            {
                TargetKind.Regression => T.CreateTruncating(p + Normal(random)),
                _ => random.NextDouble() < 1.0 / (1.0 + Math.Exp(-p)) ? T.One : T.Zero,
            };
        }
    }

    private static double Normal(Random random)
    {
        // Box–Muller; 1 - NextDouble() is in (0, 1], so the log is finite.
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
