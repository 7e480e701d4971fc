using System.Numerics;
using Microsoft.ML.Trainers;

namespace LossGen.MLNet;

/// <summary>A LossGen loss as ML.NET's <see cref="IRegressionLoss"/>: the label is the target as it is.</summary>
/// <typeparam name="T">The loss's element type.</typeparam>
internal sealed class RegressionLossAdapter<T>(ILoss<T> loss) : IRegressionLoss
    where T : IFloatingPointIeee754<T>
{
    public double Loss(float output, float label) =>
        double.CreateSaturating(loss.Value(T.CreateSaturating(output), T.CreateSaturating(label)));

    public float Derivative(float output, float label) =>
        float.CreateSaturating(loss.Derivative(T.CreateSaturating(output), T.CreateSaturating(label)));
}
