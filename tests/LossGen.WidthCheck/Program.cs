using System;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Text;

namespace LossGen.WidthCheck;

/// <summary>
/// Prints the batch results of the built-in losses on fixed inputs, one line per case, so that a test can run this
/// program with wider vector instruction sets switched off (DOTNET_EnableAVX512F=0, DOTNET_EnableAVX=0,
/// DOTNET_EnableHWIntrinsic=0) and compare every SIMD width and the scalar path with one another. The first line names
/// the widest accelerated width.
/// </summary>
public static class Program
{
    private static readonly int[] Lengths = [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000];

    public static int Main(string[] args)
    {
        var output = new StringBuilder();
        var width = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
        output.Append("width ").Append(width).Append('\n');
        if (args is ["rows"])
        {
            // The row-wise losses, whose row sums take their terms in an order that depends on the width.
            Rows(output, "crossentropy", new Losses.SoftmaxCrossEntropyLoss<double>(0.1), new Losses.SoftmaxCrossEntropyLoss<float>(0.1f), classWeights: true);
            Rows(output, "hinge", new Losses.MultiClassHingeLoss<double>(), new Losses.MultiClassHingeLoss<float>(), classWeights: false);
            Rows(output, "focal", new Losses.CategoricalFocalLoss<double>(), new Losses.CategoricalFocalLoss<float>(), classWeights: false);
            Console.Out.Write(output.ToString());
            return 0;
        }

        Run(output, "mse", new Losses.MeanSquaredErrorLoss<double>(), new Losses.MeanSquaredErrorLoss<float>(), binary: false);
        Run(output, "mae", new Losses.MeanAbsoluteErrorLoss<double>(), new Losses.MeanAbsoluteErrorLoss<float>(), binary: false);
        Run(output, "huber", new Losses.HuberLoss<double>(0.7), new Losses.HuberLoss<float>(0.7f), binary: false);
        Run(output, "smoothl1", new Losses.SmoothL1Loss<double>(0.5), new Losses.SmoothL1Loss<float>(0.5f), binary: false);
        Run(output, "logcosh", new Losses.LogCoshLoss<double>(), new Losses.LogCoshLoss<float>(), binary: false);
        Run(output, "quantile", new Losses.QuantileLoss<double>(0.3), new Losses.QuantileLoss<float>(0.3f), binary: false);
        Run(output, "poisson", new Losses.PoissonNllLoss<double>(), new Losses.PoissonNllLoss<float>(), binary: false);
        Run(output, "bce", new Losses.BinaryCrossEntropyLoss<double>(), new Losses.BinaryCrossEntropyLoss<float>(), binary: true, probabilities: true);
        Run(output, "bcelogits", new Losses.BinaryCrossEntropyWithLogitsLoss<double>(2.0), new Losses.BinaryCrossEntropyWithLogitsLoss<float>(2f), binary: true);
        Run(output, "hinge", new Losses.HingeLoss<double>(), new Losses.HingeLoss<float>(), binary: true, signed: true);
        Run(output, "squaredhinge", new Losses.SquaredHingeLoss<double>(), new Losses.SquaredHingeLoss<float>(), binary: true, signed: true);
        Run(output, "softmargin", new Losses.SoftMarginLoss<double>(), new Losses.SoftMarginLoss<float>(), binary: true, signed: true);
        Run(output, "focal", new Losses.FocalLoss<double>(0.25, 2.0), new Losses.FocalLoss<float>(0.25f, 2f), binary: true);
        Run(output, "focalhalf", new Losses.FocalLoss<double>(0.25, 0.5), new Losses.FocalLoss<float>(0.25f, 0.5f), binary: true);
        Console.Out.Write(output.ToString());
        return 0;
    }

    private static void Rows(StringBuilder output, string name, IClassIndexLoss<double> doubleLoss, IClassIndexLoss<float> floatLoss, bool classWeights)
    {
        const int rows = 3;
        foreach (var classes in Lengths)
        {
            var random = new Random(classes * 31 + name.Length);
            var logits = Enumerable.Range(0, rows * classes).Select(i => (i % 13 == 4 ? 40 : 4) * (2 * random.NextDouble() - 1)).ToArray();
            var target = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
            if (classWeights)
            {
                var weights = Enumerable.Range(0, classes).Select(_ => 0.5 + random.NextDouble()).ToArray();
                doubleLoss = new Losses.SoftmaxCrossEntropyLoss<double>(0.1) { ClassWeights = weights };
                floatLoss = new Losses.SoftmaxCrossEntropyLoss<float>(0.1f) { ClassWeights = weights.Select(w => (float)w).ToArray() };
            }

            RowCase(output, $"{name} double {classes}", doubleLoss, logits, target, classes, v => v.ToString("R", CultureInfo.InvariantCulture));
            RowCase(output, $"{name} float {classes}", floatLoss, logits.Select(v => (float)v).ToArray(), target, classes, v => v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static void RowCase<T>(StringBuilder output, string label, IClassIndexLoss<T> loss, T[] logits, int[] target, int classes, Func<T, string> format)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var values = new T[target.Length];
        var gradient = new T[logits.Length];
        loss.Values(logits, target, classes, values);
        var mean = loss.ValueAndGradient(logits, target, classes, gradient);
        output.Append(label).Append(" values ").AppendJoin(' ', values.Select(format)).Append(' ').Append(format(mean)).Append('\n');
        output.Append(label).Append(" gradient ").AppendJoin(' ', gradient.Select(format)).Append('\n');
    }

    private static void Run(StringBuilder output, string name, ILoss<double> doubleLoss, ILoss<float> floatLoss, bool binary, bool probabilities = false, bool signed = false)
    {
        foreach (var n in Lengths)
        {
            var random = new Random(n * 7919 + name.Length);
            var prediction = new double[n];
            var target = new double[n];
            var weight = new double[n];
            for (var i = 0; i < n; i++)
            {
                // Wide logits, with a few extreme ones, so every branch of the math is taken.
                prediction[i] = probabilities ? random.NextDouble() : (i % 11 == 5 ? 60 : 6) * (2 * random.NextDouble() - 1);
                target[i] = binary ? (signed ? 2 * random.Next(2) - 1 : random.Next(2)) : prediction[i] + 2 * random.NextDouble() - 1;
                weight[i] = 0.5 + random.NextDouble();
            }

            Case(output, $"{name} double {n}", doubleLoss, prediction, target, weight, v => v.ToString("R", CultureInfo.InvariantCulture));
            var p = prediction.Select(v => (float)v).ToArray();
            var y = target.Select(v => (float)v).ToArray();
            var w = weight.Select(v => (float)v).ToArray();
            Case(output, $"{name} float {n}", floatLoss, p, y, w, v => v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static void Case<T>(StringBuilder output, string label, ILoss<T> loss, T[] prediction, T[] target, T[] weight, Func<T, string> format)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var n = prediction.Length;
        var values = new T[n];
        var gradient = new T[n];
        var weightedGradient = new T[n];
        loss.Values(prediction, target, values);
        var mean = loss.ValueAndGradient(prediction, target, gradient, Reduction.Mean);
        var weighted = loss.ValueAndGradient(prediction, target, weight, weightedGradient, Reduction.WeightedMean);
        output.Append(label).Append(" values ").AppendJoin(' ', values.Select(format)).Append('\n');
        output.Append(label).Append(" gradient ").AppendJoin(' ', gradient.Select(format)).Append('\n');
        output.Append(label).Append(" weighted-gradient ").AppendJoin(' ', weightedGradient.Select(format)).Append('\n');
        output.Append(label).Append(" sums ").Append(format(mean)).Append(' ').Append(format(weighted)).Append('\n');

        // The Newton pair gradient boosting asks for: per-element (Sum), weighted.
        var twice = (ITwiceDifferentiableLoss<T>)loss;
        var hessian = new T[n];
        twice.GradientAndHessian(prediction, target, weight, gradient, hessian, Reduction.Sum);
        output.Append(label).Append(" newton-gradient ").AppendJoin(' ', gradient.Select(format)).Append('\n');
        output.Append(label).Append(" newton-hessian ").AppendJoin(' ', hessian.Select(format)).Append('\n');
    }
}
