using System;
using System.Linq;

namespace LossGen.LightGbm.Worker;

/// <summary>
/// A small regression set with outliers, the same in every process (fixed seed): y = 3 sin(x₀) + x₁² − x₂ + noise, a
/// twentieth of the training labels shifted by ±20. The distributed test and its workers share it.
/// </summary>
public sealed class SyntheticData
{
    public const int Columns = 4;

    /// <summary>Both the single-process and the distributed run start from this raw score, so they can be compared.</summary>
    public const double InitialScore = 1.0;

    /// <summary>Bins from all machines' data: LightGBM syncs them in a distributed run; few bins keep that quick.</summary>
    public const string DatasetParameters = "max_bin=31 min_data_in_bin=3";

    /// <summary>The runs' options; a constant curvature, as LightGBM's own Huber objective uses, since Huber's is 0 outside its quadratic zone.</summary>
    public static readonly LightGbmOptions Options = new()
    {
        Rounds = 30, Leaves = 15, MinDataInLeaf = 10, LearningRate = 0.2, Curvature = Curvature.Constant(1), ExtraParameters = DatasetParameters,
    };

    private readonly float[] _trainingFeatures;
    private readonly float[] _trainingLabels;

    private SyntheticData(float[] trainingFeatures, float[] trainingLabels, float[] testFeatures, float[] testLabels)
    {
        _trainingFeatures = trainingFeatures;
        _trainingLabels = trainingLabels;
        TestFeatures = testFeatures;
        TestLabels = testLabels;
    }

    public int TrainingRows => _trainingLabels.Length;

    public int TestRows => TestLabels.Length;

    public float[] TestFeatures { get; }

    public float[] TestLabels { get; }

    public static SyntheticData Create(int trainingRows = 2000, int testRows = 500)
    {
        var random = new Random(20261202);
        var (trainingFeatures, trainingLabels) = Draw(random, trainingRows, outliers: true);
        var (testFeatures, testLabels) = Draw(random, testRows, outliers: false);
        return new SyntheticData(trainingFeatures, trainingLabels, testFeatures, testLabels);
    }

    public float[] TrainingFeatures(int[] rows) => rows.SelectMany(r => _trainingFeatures.Skip(r * Columns).Take(Columns)).ToArray();

    public float[] TrainingLabels(int[] rows) => rows.Select(r => _trainingLabels[r]).ToArray();

    private static (float[] Features, float[] Labels) Draw(Random random, int rows, bool outliers)
    {
        var features = new float[rows * Columns];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < Columns; j++)
            {
                features[i * Columns + j] = (float)(4 * random.NextDouble() - 2);
            }

            var x = features.AsSpan(i * Columns, Columns);
            var y = 3 * Math.Sin(x[0]) + x[1] * x[1] - x[2] + 0.3 * (random.NextDouble() - 0.5);
            if (outliers && random.Next(20) == 0)
            {
                y += random.Next(2) == 0 ? 20 : -20;
            }

            labels[i] = (float)y;
        }

        return (features, labels);
    }
}
