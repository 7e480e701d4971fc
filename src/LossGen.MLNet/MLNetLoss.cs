using System;
using System.Numerics;
using Microsoft.ML.Trainers;

namespace LossGen.MLNet;

/// <summary>
/// Hands a LossGen loss to the ML.NET trainers that take a loss: <c>OnlineGradientDescent</c> (an
/// <see cref="IRegressionLoss"/>), <c>SgdNonCalibrated</c> and <c>AveragedPerceptron</c> (an
/// <see cref="IClassificationLoss"/>):
/// <code>
/// var trainer = mlContext.Regression.Trainers.OnlineGradientDescent(
///     lossFunction: new Losses.HuberLoss&lt;float&gt;(delta: 1f).ToRegressionLoss());
/// </code>
/// </summary>
/// <remarks>
/// ML.NET calls the loss once per example with the model's raw output (a score, not a probability) and the label, and
/// steps against <see cref="IScalarLoss.Derivative(float, float)"/>: the adapters return
/// <see cref="ILoss{T}.Value(T, T)"/> and <see cref="ILoss{T}.Derivative(T, T)"/> of that pair, computed in
/// the loss's element type. So a classification loss must take a score or a logit
/// (<see cref="Losses.BinaryCrossEntropyWithLogits{T}"/>, <see cref="Losses.Hinge{T}"/>), not a probability
/// (<see cref="Losses.BinaryCrossEntropy{T}"/>). The adapters are immutable and thread-safe, as the losses are.
/// </remarks>
public static class MLNetLoss
{
    /// <summary>
    /// The loss as an ML.NET regression loss: ℓ(output, label) and ∂ℓ/∂output, the label passed as it is.
    /// </summary>
    /// <typeparam name="T">The loss's element type; ML.NET's floats are converted to it and back.</typeparam>
    /// <param name="loss">The loss, for example <c>new Losses.HuberLoss&lt;float&gt;()</c>.</param>
    /// <returns>An <see cref="IRegressionLoss"/> for <c>OnlineGradientDescent</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public static IRegressionLoss ToRegressionLoss<T>(this ILoss<T> loss)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        return new RegressionLossAdapter<T>(loss);
    }

    /// <summary>
    /// The loss as an ML.NET binary classification loss, with ML.NET's labels converted to the kind the loss declares
    /// (<see cref="ILoss{T}.Labels"/>): a label greater than 0 is the positive class, as in ML.NET's own losses, and
    /// becomes 1; any other label becomes 0 for <see cref="LossLabels.ZeroOne"/>, −1 for
    /// <see cref="LossLabels.MinusOnePlusOne"/>.
    /// </summary>
    /// <typeparam name="T">The loss's element type; ML.NET's floats are converted to it and back.</typeparam>
    /// <param name="loss">A loss of a score or a logit, for example <c>new Losses.HingeLoss&lt;float&gt;()</c>.</param>
    /// <returns>An <see cref="IClassificationLoss"/> for <c>SgdNonCalibrated</c> or <c>AveragedPerceptron</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The loss declares <see cref="LossLabels.Any"/> (a regression loss): say which labels it takes with the overload
    /// that has a <see cref="LossLabels"/>.
    /// </exception>
    public static IClassificationLoss ToClassificationLoss<T>(this ILoss<T> loss)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Labels == LossLabels.Any)
        {
            throw new ArgumentException(
                $"{loss.GetType().Name} declares LossLabels.Any, a regression loss: ML.NET's class labels 0 and 1 need a loss declared with " +
                "[Loss(Labels = LossLabels.ZeroOne)] or LossLabels.MinusOnePlusOne, or pass the labels it takes: ToClassificationLoss(loss, LossLabels.ZeroOne).",
                nameof(loss));
        }

        return Classification(loss, loss.Labels, nameof(loss));
    }

    /// <summary>
    /// The loss as an ML.NET binary classification loss taking class labels of the given kind, whatever the loss
    /// declares: for a loss declared without labels, or to override its declaration.
    /// </summary>
    /// <typeparam name="T">The loss's element type; ML.NET's floats are converted to it and back.</typeparam>
    /// <param name="loss">A loss of a score or a logit.</param>
    /// <param name="labels">
    /// The labels the loss takes: <see cref="LossLabels.ZeroOne"/> or <see cref="LossLabels.MinusOnePlusOne"/>. A label
    /// greater than 0 becomes 1, any other 0 or −1.
    /// </param>
    /// <returns>An <see cref="IClassificationLoss"/> for <c>SgdNonCalibrated</c> or <c>AveragedPerceptron</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labels"/> is not a kind of class labels.</exception>
    public static IClassificationLoss ToClassificationLoss<T>(this ILoss<T> loss, LossLabels labels)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Classification(loss, labels, nameof(labels));
    }

    private static ClassificationLossAdapter<T> Classification<T>(ILoss<T> loss, LossLabels labels, string parameter)
        where T : IFloatingPointIeee754<T> => labels switch
    {
        LossLabels.ZeroOne => new ClassificationLossAdapter<T>(loss, negative: T.Zero),
        LossLabels.MinusOnePlusOne => new ClassificationLossAdapter<T>(loss, negative: -T.One),
        _ => throw new ArgumentOutOfRangeException(parameter, labels,
            "Classification needs class labels: LossLabels.ZeroOne or LossLabels.MinusOnePlusOne."),
    };
}
