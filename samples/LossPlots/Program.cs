// Renders every built-in loss with its first derivative (and second, where the loss is smooth) to PNG, every row-wise
// loss against one logit of a three-class row with the others fixed, plus two comparisons: the robust regression
// losses, and BCE against Focal. Every point comes from the generated code.
// Usage: dotnet run --project samples/LossPlots -c Release [-- output-folder]   (default: docs/images)
using System;
using System.IO;
using System.Linq;
using LossGen;
using ScottPlot;

var output = args.Length > 0 ? args[0] : Path.Combine(RepositoryRoot(), "docs", "images");
Directory.CreateDirectory(output);

// Title, file, x axis, range, target; the second derivative is drawn only where the loss has no kink.
var curves = new Curve[]
{
    Pair("MeanSquaredError", "mean-squared-error", "prediction", -3, 3, 0, new Losses.MeanSquaredErrorLoss<double>(), smooth: true),
    Pair("MeanAbsoluteError", "mean-absolute-error", "prediction", -3, 3, 0, new Losses.MeanAbsoluteErrorLoss<double>(), smooth: false),
    Pair("Huber (δ = 1)", "huber", "prediction", -3, 3, 0, new Losses.HuberLoss<double>(delta: 1), smooth: false),
    Pair("SmoothL1 (β = 1)", "smooth-l1", "prediction", -3, 3, 0, new Losses.SmoothL1Loss<double>(beta: 1), smooth: false),
    Pair("LogCosh", "log-cosh", "prediction", -3, 3, 0, new Losses.LogCoshLoss<double>(), smooth: true),
    Pair("Quantile (τ = 0.9)", "quantile", "prediction", -3, 3, 0, new Losses.QuantileLoss<double>(tau: 0.9), smooth: false),
    Pair("PoissonNll", "poisson-nll", "log-rate", -2, 3, 2, new Losses.PoissonNllLoss<double>(), smooth: true),
    GaussianNll(),
    Pair("BinaryCrossEntropy", "binary-cross-entropy", "probability", 0.05, 0.98, 1, new Losses.BinaryCrossEntropyLoss<double>(), smooth: true)
        with { Window = (-8, 12) },
    Pair("BinaryCrossEntropyWithLogits", "binary-cross-entropy-with-logits", "logit", -6, 6, 1, new Losses.BinaryCrossEntropyWithLogitsLoss<double>(), smooth: true),
    Pair("Hinge", "hinge", "score", -3, 3, 1, new Losses.HingeLoss<double>(), smooth: false),
    Pair("SquaredHinge", "squared-hinge", "score", -3, 3, 1, new Losses.SquaredHingeLoss<double>(), smooth: false),
    Pair("SoftMargin", "soft-margin", "score", -4, 4, 1, new Losses.SoftMarginLoss<double>(), smooth: true),
    Pair("Focal (α = 0.25, γ = 2)", "focal", "logit", -6, 6, 1, new Losses.FocalLoss<double>(alpha: 0.25, gamma: 2), smooth: true),
    L2Penalty(),
    L1Penalty(),
};

foreach (var curve in curves)
{
    var plot = NewPlot(curve.Title, curve.Axis);
    var xs = Grid(curve.From, curve.To);
    Line(plot, xs, curve.Value, "loss", Colors.C0, LinePattern.Solid);
    Line(plot, xs, curve.Derivative, "derivative", Colors.C1, LinePattern.Dashed);
    if (curve.SecondDerivative is { } second)
    {
        Line(plot, xs, second, "second derivative", Colors.C2, LinePattern.Dotted);
    }

    if (curve.Window is var (bottom, top))
    {
        plot.Axes.SetLimitsY(bottom, top);
    }

    Save(plot, curve.File);
}

// Row-wise losses: the row [x, 1, -1] of three logits with x varying; the loss and its derivatives with respect to x and
// to the second logit (a row's logits share the softmax, so moving one moves the others' gradients too).
double[] otherLogits = [1, -1];
double[] targetRow = [0.7, 0.2, 0.1];
var rows = new RowCurve[]
{
    ClassIndexRow("SoftmaxCrossEntropy at target class 0", "softmax-cross-entropy", new Losses.SoftmaxCrossEntropyLoss<double>()),
    ClassIndexRow("SoftmaxCrossEntropy (ε = 0.1) at target class 0", "softmax-cross-entropy-smoothed", new Losses.SoftmaxCrossEntropyLoss<double>(labelSmoothing: 0.1)),
    RowTargetRow("SoftTargetCrossEntropy at target (0.7, 0.2, 0.1)", "soft-target-cross-entropy", "logit x₀", new Losses.SoftTargetCrossEntropyLoss<double>()),
    RowTargetRow("KLDivergence at target (0.7, 0.2, 0.1)", "kl-divergence", "log-probability x₀", new Losses.KLDivergenceLoss<double>()),
    ClassIndexRow("MultiClassHinge at target class 0", "multi-class-hinge", new Losses.MultiClassHingeLoss<double>()),
    ClassIndexRow("CategoricalFocal (α = 0.25, γ = 2) at target class 0", "categorical-focal", new Losses.CategoricalFocalLoss<double>(alpha: 0.25, gamma: 2)),
};

foreach (var row in rows)
{
    var plot = NewPlot(row.Title + ", row (x₀, 1, −1)", row.Axis);
    var xs = Grid(-6, 6);
    var points = xs.Select(row.At).ToArray();
    Points(plot, xs, points.Select(p => p.Value).ToArray(), "loss", Colors.C0, LinePattern.Solid);
    Points(plot, xs, points.Select(p => p.Derivative).ToArray(), "∂loss/∂x₀", Colors.C1, LinePattern.Dashed);
    Points(plot, xs, points.Select(p => p.OtherDerivative).ToArray(), "∂loss/∂x₁", Colors.C2, LinePattern.Dotted);
    Save(plot, row.File);
}

{
    var plot = NewPlot("Robust regression losses (target 0)", "residual");
    var xs = Grid(-4, 4);
    var losses = new (string Name, ILoss<double> Loss)[]
    {
        ("MSE", new Losses.MeanSquaredErrorLoss<double>()),
        ("MAE", new Losses.MeanAbsoluteErrorLoss<double>()),
        ("Huber δ = 1", new Losses.HuberLoss<double>(delta: 1)),
        ("SmoothL1 β = 2", new Losses.SmoothL1Loss<double>(beta: 2)),
        ("LogCosh", new Losses.LogCoshLoss<double>()),
    };
    for (var i = 0; i < losses.Length; i++)
    {
        var loss = losses[i].Loss;
        Line(plot, xs, x => loss.Value(x, 0), losses[i].Name, Colors.Category10[i], LinePattern.Solid);
    }

    plot.Axes.SetLimitsY(-0.2, 5);
    Save(plot, "robust-regression");
}

{
    var plot = NewPlot("BCE with logits vs Focal (no α weighting) at target 1", "logit");
    var xs = Grid(-4, 4);
    Line(plot, xs, x => new Losses.BinaryCrossEntropyWithLogitsLoss<double>().Value(x, 1), "BCE with logits", Colors.Black, LinePattern.Solid);
    double[] gammas = [0, 1, 2, 5];
    for (var i = 0; i < gammas.Length; i++)
    {
        var focal = new Losses.FocalLoss<double>(alpha: -1, gamma: gammas[i]);
        Line(plot, xs, x => focal.Value(x, 1), gammas[i] == 0 ? "Focal γ = 0 (BCE)" : $"Focal γ = {gammas[i]}", Colors.Category10[i], LinePattern.Dashed);
    }

    Save(plot, "bce-vs-focal");
}

Curve Pair<T>(string title, string file, string axis, double from, double to, double target, T loss, bool smooth)
    where T : ITwiceDifferentiableLoss<double> =>
    new(title + $" at target {target}", file, axis, from, to, p => loss.Value(p, target), p => loss.Derivative(p, target),
        smooth ? p => loss.SecondDerivative(p, target) : null);

static Curve GaussianNll()
{
    var loss = new Losses.GaussianNllLoss<double>();
    return new("GaussianNll at target 0, variance 1", "gaussian-nll", "prediction", -3, 3,
        p => loss.Value(p, 0, 1), p => loss.Derivative(p, 0, 1), p => loss.SecondDerivative(p, 0, 1));
}

static Curve L2Penalty()
{
    var loss = new Losses.L2PenaltyLoss<double>(lambda: 1);
    return new("L2Penalty (λ = 1)", "l2-penalty", "weight", -3, 3, loss.Value, loss.Derivative, loss.SecondDerivative);
}

static Curve L1Penalty()
{
    var loss = new Losses.L1PenaltyLoss<double>(lambda: 1);
    return new("L1Penalty (λ = 1)", "l1-penalty", "weight", -3, 3, loss.Value, loss.Derivative, null);
}

RowCurve ClassIndexRow(string title, string file, IClassIndexLoss<double> loss) =>
    new(title, file, "logit x₀", x =>
    {
        var gradient = new double[3];
        var value = loss.ValueAndGradient([x, otherLogits[0], otherLogits[1]], [0], 3, gradient, Reduction.Sum);
        return (value, gradient[0], gradient[1]);
    });

RowCurve RowTargetRow(string title, string file, string axis, IRowTargetLoss<double> loss) =>
    new(title, file, axis, x =>
    {
        var gradient = new double[3];
        var value = loss.ValueAndGradient([x, otherLogits[0], otherLogits[1]], targetRow, 3, gradient, Reduction.Sum);
        return (value, gradient[0], gradient[1]);
    });

static double[] Grid(double from, double to) =>
    Enumerable.Range(0, 801).Select(i => from + (to - from) * i / 800).ToArray();

static Plot NewPlot(string title, string axis)
{
    var plot = new Plot();
    plot.Title(title);
    plot.XLabel(axis);
    plot.Add.HorizontalLine(0, 1, Colors.Gray.WithAlpha(0.6));
    plot.Add.VerticalLine(0, 1, Colors.Gray.WithAlpha(0.6));
    plot.ShowLegend(Alignment.UpperCenter);
    return plot;
}

static void Line(Plot plot, double[] xs, Func<double, double> f, string label, Color color, LinePattern pattern) =>
    Points(plot, xs, xs.Select(f).ToArray(), label, color, pattern);

static void Points(Plot plot, double[] xs, double[] ys, string label, Color color, LinePattern pattern)
{
    var line = plot.Add.ScatterLine(xs, ys, color);
    line.LegendText = label;
    line.LineWidth = 2;
    line.LinePattern = pattern;
}

void Save(Plot plot, string name)
{
    var path = Path.Combine(output, name + ".png");
    plot.SavePng(path, 720, 440);
    Console.WriteLine($"wrote {path}");
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "LossGen.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("LossGen.sln not found above " + AppContext.BaseDirectory + "; pass the output folder.");
}

internal sealed record Curve(string Title, string File, string Axis, double From, double To,
    Func<double, double> Value, Func<double, double> Derivative, Func<double, double>? SecondDerivative)
{
    /// <summary>The y range to show, where a derivative's growth at the edge would flatten the rest.</summary>
    public (double Bottom, double Top)? Window { get; init; }
}

/// <summary>A row-wise loss at one point of its plot: the loss and its derivatives with respect to x₀ and x₁.</summary>
internal sealed record RowCurve(string Title, string File, string Axis, Func<double, (double Value, double Derivative, double OtherDerivative)> At);
