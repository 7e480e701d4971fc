using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;

namespace LossGen.MLNet.Tests;

/// <summary>Small seeded data sets for the training tests: a linear target, and a linearly separable class with label noise.</summary>
internal static class SyntheticData
{
    public const int Dimensions = 3;

    private static readonly float[] Weights = [2f, -3f, 0.5f];
    private const float Bias = 1f;

    public sealed class RegressionRow
    {
        public float Label { get; set; }

        [VectorType(Dimensions)]
        public float[] Features { get; set; } = [];
    }

    public sealed class ClassificationRow
    {
        public bool Label { get; set; }

        [VectorType(Dimensions)]
        public float[] Features { get; set; } = [];
    }

    public static List<RegressionRow> Regression(int count, int seed, double noise)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Point(random);
            return new RegressionRow { Features = x, Label = (float)(Score(x) + noise * Normal(random)) };
        }).ToList();
    }

    // flip is the fraction of labels flipped, so that the training data are not separable.
    public static List<ClassificationRow> Classification(int count, int seed, double flip)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Point(random);
            return new ClassificationRow { Features = x, Label = (Score(x) > 0) ^ (random.NextDouble() < flip) };
        }).ToList();
    }

    private static float[] Point(Random random) => Enumerable.Range(0, Dimensions).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();

    private static double Score(float[] x) => Bias + x.Zip(Weights, (a, w) => (double)a * w).Sum();

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
