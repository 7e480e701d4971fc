// A linear model y = Xw + b trained by full-batch Adam on the gradient a LossGen loss computes: the loss gives
// ∂L/∂prediction for every row in one ValueAndGradient call, and the chain rule through Xw + b gives the step.
using System;
using LossGen;

namespace LossGen.Samples;

public sealed class LinearModel
{
    private readonly double[] _weights;

    public LinearModel(int features) => _weights = new double[features];

    public ReadOnlySpan<double> Weights => _weights;

    public double Bias { get; private set; }

    /// <summary>Predictions for the rows of a row-major matrix with as many columns as the model has features.</summary>
    public double[] Predict(double[] features)
    {
        var columns = _weights.Length;
        var predictions = new double[features.Length / columns];
        for (var i = 0; i < predictions.Length; i++)
        {
            var row = features.AsSpan(i * columns, columns);
            var sum = Bias;
            for (var j = 0; j < columns; j++)
            {
                sum += row[j] * _weights[j];
            }

            predictions[i] = sum;
        }

        return predictions;
    }

    /// <summary>Full-batch Adam on the mean loss (weighted when weights are given); returns the last mean loss.</summary>
    public double Fit(ILoss<double> loss, double[] features, double[] targets, int epochs, double learningRate,
        double[]? weights = null, Action<int, double>? progress = null)
    {
        var columns = _weights.Length;
        var gradient = new double[targets.Length];
        var step = new double[columns + 1];
        var m = new double[columns + 1];
        var v = new double[columns + 1];
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        var value = double.NaN;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var predictions = Predict(features);
            value = weights is null
                ? loss.ValueAndGradient(predictions, targets, gradient)
                : loss.ValueAndGradient(predictions, targets, weights, gradient);

            Array.Clear(step);
            for (var i = 0; i < targets.Length; i++)
            {
                var row = features.AsSpan(i * columns, columns);
                for (var j = 0; j < columns; j++)
                {
                    step[j] += gradient[i] * row[j];
                }

                step[columns] += gradient[i];
            }

            for (var j = 0; j <= columns; j++)
            {
                m[j] = beta1 * m[j] + (1 - beta1) * step[j];
                v[j] = beta2 * v[j] + (1 - beta2) * step[j] * step[j];
                var update = learningRate * (m[j] / (1 - Math.Pow(beta1, epoch))) / (Math.Sqrt(v[j] / (1 - Math.Pow(beta2, epoch))) + epsilon);
                if (j < columns)
                {
                    _weights[j] -= update;
                }
                else
                {
                    Bias -= update;
                }
            }

            if (progress is not null && (epoch % (epochs / 4) == 0 || epoch == 1))
            {
                progress(epoch, value);
            }
        }

        return value;
    }
}
