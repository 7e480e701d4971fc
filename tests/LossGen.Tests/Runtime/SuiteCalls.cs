using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace LossGen.Tests.Runtime;

/// <summary>One batch call of an element loss over arrays: inputs by name, outputs by name, the returned value (0 for none).</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed record SuiteCall<T>(string Loss, string Shape, Reduction? Reduction, string[] Inputs, string[] Outputs, Func<T[][], T[][], T> Invoke)
{
    public override string ToString() => $"{Loss}.{Shape}({(Reduction is { } r ? r.ToString() : "no reduction")}) {typeof(T).Name}";
}

/// <summary>
/// The call shapes shared by <see cref="AliasingSuiteTests"/> and <see cref="ParallelSuiteTests"/>: every batch call of a
/// representative set of built-in element losses (plain and weighted, every reduction), and their inputs.
/// </summary>
internal static class SuiteCalls
{
    public static readonly string[] Losses =
        ["MeanSquaredError", "Huber", "BinaryCrossEntropyWithLogits", "LogCosh", "Focal", "Quantile", "L2Penalty", "GaussianNll"];

    public static readonly string[] Shapes =
    [
        "Values", "Value", "Gradient", "ValueAndGradient", "GradientAndHessian",
        "Values/weighted", "Value/weighted", "Gradient/weighted", "ValueAndGradient/weighted", "GradientAndHessian/weighted",
    ];

    private static readonly Reduction[] Reductions = [Reduction.Sum, Reduction.Mean, Reduction.WeightedMean];

    /// <summary>Elements of the widest accelerated vector (128 bits when none is).</summary>
    public static int WidestCount<T>() =>
        Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : Vector128<T>.Count;

    public static long Bits<T>(T value) => value switch
    {
        float f => BitConverter.SingleToInt32Bits(f),
        double d => BitConverter.DoubleToInt64Bits(d),
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    /// <summary>The calls of one shape of one loss; <paramref name="degree"/> null leaves MaxDegreeOfParallelism at its default.</summary>
    public static IEnumerable<SuiteCall<T>> Calls<T>(string loss, string shape, int? degree = null)
        where T : struct, IFloatingPointIeee754<T> =>
        All<T>(loss, degree).Where(c => c.Shape == shape);

    private static IEnumerable<SuiteCall<T>> All<T>(string loss, int? degree)
        where T : struct, IFloatingPointIeee754<T>
    {
        static T C(double v) => T.CreateTruncating(v);
        switch (loss)
        {
            case "L2Penalty":
                return Penalty(loss, degree is { } d ? new Losses.L2PenaltyLoss<T>(C(0.3)) { MaxDegreeOfParallelism = d } : new Losses.L2PenaltyLoss<T>(C(0.3)));
            case "GaussianNll":
                return Gaussian(loss, degree is { } g ? new Losses.GaussianNllLoss<T>() { MaxDegreeOfParallelism = g } : new Losses.GaussianNllLoss<T>());
        }

        ITwiceDifferentiableLoss<T> element = (loss, degree) switch
        {
            ("MeanSquaredError", null) => new Losses.MeanSquaredErrorLoss<T>(),
            ("MeanSquaredError", int d) => new Losses.MeanSquaredErrorLoss<T>() { MaxDegreeOfParallelism = d },
            ("Huber", null) => new Losses.HuberLoss<T>(C(0.7)),
            ("Huber", int d) => new Losses.HuberLoss<T>(C(0.7)) { MaxDegreeOfParallelism = d },
            ("BinaryCrossEntropyWithLogits", null) => new Losses.BinaryCrossEntropyWithLogitsLoss<T>(C(2.0)),
            ("BinaryCrossEntropyWithLogits", int d) => new Losses.BinaryCrossEntropyWithLogitsLoss<T>(C(2.0)) { MaxDegreeOfParallelism = d },
            ("LogCosh", null) => new Losses.LogCoshLoss<T>(),
            ("LogCosh", int d) => new Losses.LogCoshLoss<T>() { MaxDegreeOfParallelism = d },
            ("Focal", null) => new Losses.FocalLoss<T>(gamma: C(0.5)),
            ("Focal", int d) => new Losses.FocalLoss<T>(gamma: C(0.5)) { MaxDegreeOfParallelism = d },
            ("Quantile", null) => new Losses.QuantileLoss<T>(C(0.3)),
            ("Quantile", int d) => new Losses.QuantileLoss<T>(C(0.3)) { MaxDegreeOfParallelism = d },
            _ => throw new ArgumentException(loss),
        };
        return Element(loss, element);
    }

    private static IEnumerable<SuiteCall<T>> Element<T>(string name, ITwiceDifferentiableLoss<T> l)
        where T : struct, IFloatingPointIeee754<T>
    {
        string[] pt = ["prediction", "target"], ptw = ["prediction", "target", "weight"];
        string[] g = ["gradient"], gh = ["gradient", "hessian"];
        yield return new(name, "Values", null, pt, ["destination"], (i, o) => { l.Values(i[0], i[1], o[0]); return T.Zero; });
        yield return new(name, "Values/weighted", null, ptw, ["destination"], (i, o) => { l.Values(i[0], i[1], i[2], o[0]); return T.Zero; });
        foreach (var r in Reductions)
        {
            yield return new(name, "Value", r, pt, [], (i, o) => l.Value(i[0], i[1], r));
            yield return new(name, "Gradient", r, pt, g, (i, o) => { l.Gradient(i[0], i[1], o[0], r); return T.Zero; });
            yield return new(name, "ValueAndGradient", r, pt, g, (i, o) => l.ValueAndGradient(i[0], i[1], o[0], r));
            yield return new(name, "GradientAndHessian", r, pt, gh, (i, o) => { l.GradientAndHessian(i[0], i[1], o[0], o[1], r); return T.Zero; });
            yield return new(name, "Value/weighted", r, ptw, [], (i, o) => l.Value(i[0], i[1], i[2], r));
            yield return new(name, "Gradient/weighted", r, ptw, g, (i, o) => { l.Gradient(i[0], i[1], i[2], o[0], r); return T.Zero; });
            yield return new(name, "ValueAndGradient/weighted", r, ptw, g, (i, o) => l.ValueAndGradient(i[0], i[1], i[2], o[0], r));
            yield return new(name, "GradientAndHessian/weighted", r, ptw, gh, (i, o) => { l.GradientAndHessian(i[0], i[1], i[2], o[0], o[1], r); return T.Zero; });
        }
    }

    private static IEnumerable<SuiteCall<T>> Penalty<T>(string name, Losses.L2PenaltyLoss<T> l)
        where T : struct, IFloatingPointIeee754<T>
    {
        string[] p = ["prediction"], pw = ["prediction", "weight"];
        string[] g = ["gradient"], gh = ["gradient", "hessian"];
        yield return new(name, "Values", null, p, ["destination"], (i, o) => { l.Values(i[0], o[0]); return T.Zero; });
        yield return new(name, "Values/weighted", null, pw, ["destination"], (i, o) => { l.Values(i[0], i[1], o[0]); return T.Zero; });
        foreach (var r in Reductions)
        {
            yield return new(name, "Value", r, p, [], (i, o) => l.Value(i[0], r));
            yield return new(name, "Gradient", r, p, g, (i, o) => { l.Gradient(i[0], o[0], r); return T.Zero; });
            yield return new(name, "ValueAndGradient", r, p, g, (i, o) => l.ValueAndGradient(i[0], o[0], r));
            yield return new(name, "GradientAndHessian", r, p, gh, (i, o) => { l.GradientAndHessian(i[0], o[0], o[1], r); return T.Zero; });
            yield return new(name, "Value/weighted", r, pw, [], (i, o) => l.Value(i[0], i[1], r));
            yield return new(name, "Gradient/weighted", r, pw, g, (i, o) => { l.Gradient(i[0], i[1], o[0], r); return T.Zero; });
            yield return new(name, "ValueAndGradient/weighted", r, pw, g, (i, o) => l.ValueAndGradient(i[0], i[1], o[0], r));
            yield return new(name, "GradientAndHessian/weighted", r, pw, gh, (i, o) => { l.GradientAndHessian(i[0], i[1], o[0], o[1], r); return T.Zero; });
        }
    }

    private static IEnumerable<SuiteCall<T>> Gaussian<T>(string name, Losses.GaussianNllLoss<T> l)
        where T : struct, IFloatingPointIeee754<T>
    {
        string[] ptv = ["prediction", "target", "variance"], ptwv = ["prediction", "target", "weight", "variance"];
        string[] g = ["gradient", "varianceGradient"], gh = ["gradient", "hessian"];
        yield return new(name, "Values", null, ptv, ["destination"], (i, o) => { l.Values(i[0], i[1], i[2], o[0]); return T.Zero; });
        yield return new(name, "Values/weighted", null, ptwv, ["destination"], (i, o) => { l.Values(i[0], i[1], i[2], i[3], o[0]); return T.Zero; });
        foreach (var r in Reductions)
        {
            yield return new(name, "Value", r, ptv, [], (i, o) => l.Value(i[0], i[1], i[2], r));
            yield return new(name, "Gradient", r, ptv, g, (i, o) => { l.Gradient(i[0], i[1], i[2], o[0], o[1], r); return T.Zero; });
            yield return new(name, "ValueAndGradient", r, ptv, g, (i, o) => l.ValueAndGradient(i[0], i[1], i[2], o[0], o[1], r));
            yield return new(name, "GradientAndHessian", r, ptv, gh, (i, o) => { l.GradientAndHessian(i[0], i[1], i[2], o[0], o[1], r); return T.Zero; });
            yield return new(name, "Value/weighted", r, ptwv, [], (i, o) => l.Value(i[0], i[1], i[2], i[3], r));
            yield return new(name, "Gradient/weighted", r, ptwv, g, (i, o) => { l.Gradient(i[0], i[1], i[2], i[3], o[0], o[1], r); return T.Zero; });
            yield return new(name, "ValueAndGradient/weighted", r, ptwv, g, (i, o) => l.ValueAndGradient(i[0], i[1], i[2], i[3], o[0], o[1], r));
            yield return new(name, "GradientAndHessian/weighted", r, ptwv, gh, (i, o) => { l.GradientAndHessian(i[0], i[1], i[2], i[3], o[0], o[1], r); return T.Zero; });
        }
    }

    /// <summary>The inputs of a call: predictions in [−3, 3], targets of the loss's kind, weights in [0.25, 2], variances some below eps.</summary>
    public static T[][] Inputs<T>(SuiteCall<T> call, int n, int seed)
        where T : struct, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var binary = call.Loss is "BinaryCrossEntropyWithLogits" or "Focal";
        return call.Inputs.Select(name => Enumerable.Range(0, n).Select(_ => T.CreateTruncating(name switch
        {
            "target" when binary => random.Next(3) switch { 0 => 0.0, 1 => 1.0, _ => random.NextDouble() },
            "weight" => 0.25 + 1.75 * random.NextDouble(),
            "variance" => random.Next(8) == 0 ? 1e-7 : 1e-3 + 2 * random.NextDouble(),
            _ => 6 * random.NextDouble() - 3,
        })).ToArray()).ToArray();
    }
}
