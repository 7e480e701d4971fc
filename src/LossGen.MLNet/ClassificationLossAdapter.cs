using System.Numerics;
using Microsoft.ML.Trainers;

namespace LossGen.MLNet;

/// <summary>
/// A LossGen loss as ML.NET's <see cref="IClassificationLoss"/>. ML.NET marks the positive class with a label greater
/// than 0 (its own hinge and log losses test <c>label &gt; 0</c>), so that is what becomes 1 here, and everything
/// else, 0 or −1 alike, becomes <paramref name="negative"/>.
/// </summary>
/// <typeparam name="T">The loss's element type.</typeparam>
/// <param name="loss">The loss.</param>
/// <param name="negative">The negative class's label in the loss's encoding: 0 or −1.</param>
internal sealed class ClassificationLossAdapter<T>(ILoss<T> loss, T negative) : IClassificationLoss
    where T : IFloatingPointIeee754<T>
{
    public double Loss(float output, float label) =>
        double.CreateSaturating(loss.Value(T.CreateSaturating(output), Label(label)));

    public float Derivative(float output, float label) =>
        float.CreateSaturating(loss.Derivative(T.CreateSaturating(output), Label(label)));

    private T Label(float label) => label > 0 ? T.One : negative;
}
