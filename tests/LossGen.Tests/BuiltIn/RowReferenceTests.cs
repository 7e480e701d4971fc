using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using LossGen.Tests.Infrastructure;
using LossGen.Tests.Runtime;
using Xunit;

namespace LossGen.Tests.BuiltIn;

/// <summary>
/// Every case of <c>row-losses.json</c> (PyTorch, float64, autograd) reproduced by the built-in row-wise losses, in double
/// and in float (inputs rounded to float, float tolerance): per-row values, sum, mean, the gradients of both, the
/// one-row methods, and the weighted batch methods, whose expected values follow from the reference by the documented
/// weighting (row n's loss and gradient times wₙ; WeightedMean divides by Σₙ wₙ·w[yₙ] over the rows not ignored).
/// </summary>
public class RowReferenceTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.ReferenceRowLosses));
        return document.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    });

    public static TheoryData<string> CaseNames() => new(Cases.Value.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_reference_file_has_the_cases_the_issue_names()
    {
        var names = Cases.Value.Keys.ToList();
        Assert.Equal(12, names.Count);
        Assert.Contains("cross_entropy/extreme_logits", names);
        Assert.Contains("sequence_cross_entropy", names);
        Assert.Contains("kl_div/zero_targets", names);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Built_in_row_loss_matches_PyTorch_in_double(string name) =>
        Check<double>(Cases.Value[name], Near.DoubleRelative, Near.DoubleAbsolute);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Built_in_row_loss_matches_PyTorch_in_float(string name) =>
        Check<float>(Cases.Value[name], Near.FloatRelative, Near.FloatAbsolute);

    private static void Check<T>(JsonElement json, double relative, double absolute)
        where T : struct, IFloatingPointIeee754<T>
    {
        var name = json.GetProperty("name").GetString()!;
        var classes = json.GetProperty("classes").GetInt32();
        var rows = json.GetProperty("rows").GetInt32();
        var logits = Flatten<T>(json.GetProperty("logits"));
        var perRow = Doubles(json.GetProperty("per_row"));
        var gradientOfSum = Flatten<double>(json.GetProperty("gradient_of_sum"));
        var gradientOfMean = Flatten<double>(json.GetProperty("gradient_of_mean"));
        var sum = json.GetProperty("sum").GetDouble();
        var mean = json.GetProperty("mean").GetDouble();
        var weight = Enumerable.Range(0, rows).Select(n => T.CreateChecked(0.5 + 0.25 * (n % 3))).ToArray();
        var rowWeight = weight.Select(double.CreateChecked).ToArray();
        var batch = Batch<T>.For(json, classes);

        void Equal(double expected, T actual, string what) => Near.Equal(expected, double.CreateChecked(actual), relative, absolute, $"{name} ({typeof(T).Name}) {what}");
        void AllEqual(IReadOnlyList<double> expected, T[] actual, string what)
        {
            Assert.Equal(expected.Count, actual.Length);
            for (var i = 0; i < actual.Length; i++)
            {
                Equal(expected[i], actual[i], $"{what}[{i}]");
            }
        }

        var values = new T[rows];
        batch.Values(logits, values, null);
        AllEqual(perRow, values, "per_row");
        Equal(sum, batch.Value(logits, Reduction.Sum, null), "sum");
        Equal(mean, batch.Value(logits, Reduction.Mean, null), "mean");

        var gradient = new T[logits.Length];
        batch.Gradient(logits, gradient, Reduction.Sum, null);
        AllEqual(gradientOfSum, gradient, "gradient_of_sum");
        Array.Clear(gradient);
        Equal(mean, batch.ValueAndGradient(logits, gradient, Reduction.Mean, null), "ValueAndGradient mean");
        AllEqual(gradientOfMean, gradient, "gradient_of_mean");
        Assert.All(gradient, g => Assert.True(T.IsFinite(g)));

        var row = new T[classes];
        for (var n = 0; n < rows; n++)
        {
            Equal(perRow[n], batch.RowValue(logits.AsSpan(n * classes, classes), n), $"Value(row {n})");
            batch.RowGradient(logits.AsSpan(n * classes, classes), n, row);
            AllEqual(gradientOfSum.Skip(n * classes).Take(classes).ToList(), row, $"Gradient(row {n})");
        }

        // Weighted: row n's loss and gradient times wₙ.
        var weightedPerRow = perRow.Select((l, n) => rowWeight[n] * l).ToList();
        var weightedGradient = gradientOfSum.Select((g, i) => rowWeight[i / classes] * g).ToList();
        batch.Values(logits, values, weight);
        AllEqual(weightedPerRow, values, "weighted per_row");
        Equal(weightedPerRow.Sum(), batch.Value(logits, Reduction.Sum, weight), "weighted sum");
        batch.Gradient(logits, gradient, Reduction.Sum, weight);
        AllEqual(weightedGradient, gradient, "weighted gradient_of_sum");

        var denominator = Enumerable.Range(0, rows).Sum(n => batch.IsIgnored(n) ? 0 : rowWeight[n] * batch.ClassWeight(n));
        Equal(weightedPerRow.Sum() / denominator, batch.ValueAndGradient(logits, gradient, Reduction.WeightedMean, weight), "weighted mean");
        AllEqual(weightedGradient.Select(g => g / denominator).ToList(), gradient, "weighted gradient_of_mean");
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static T[] Flatten<T>(JsonElement rows)
        where T : INumberBase<T> =>
        rows.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(e => T.CreateChecked(e.GetDouble())).ToArray();

    /// <summary>A built-in row loss set up as the case says, behind the interface its type implements.</summary>
    private sealed class Batch<T>
        where T : struct, IFloatingPointIeee754<T>
    {
        private IClassIndexLoss<T>? _classIndex;
        private IRowTargetLoss<T>? _rowTarget;
        private int[] _target = [];
        private T[] _targetRows = [];
        private double[]? _classWeights;
        private int _classes;

        public static Batch<T> For(JsonElement json, int classes)
        {
            var loss = json.GetProperty("loss").GetString();
            var batch = new Batch<T> { _classes = classes };
            double? Number(string field) => json.TryGetProperty(field, out var value) ? value.GetDouble() : null;
            var target = json.GetProperty("target");
            if (target[0].ValueKind == JsonValueKind.Array)
            {
                batch._targetRows = Flatten<T>(target);
                batch._rowTarget = loss switch
                {
                    "cross_entropy" => new Losses.SoftTargetCrossEntropyLoss<T>(),
                    "kl_div" => new Losses.KLDivergenceLoss<T>(),
                    _ => throw new InvalidOperationException($"No built-in for {loss} with row targets."),
                };
                return batch;
            }

            batch._target = target.EnumerateArray().Select(e => e.GetInt32()).ToArray();
            batch._classWeights = json.TryGetProperty("class_weight", out var weights) ? Doubles(weights) : null;
            var ignoreIndex = (int)(Number("ignore_index") ?? -100);
            batch._classIndex = loss switch
            {
                "cross_entropy" => new Losses.SoftmaxCrossEntropyLoss<T>(T.CreateChecked(Number("label_smoothing") ?? 0))
                {
                    IgnoreIndex = ignoreIndex,
                    ClassWeights = batch._classWeights?.Select(T.CreateChecked).ToArray() ?? default(ReadOnlyMemory<T>),
                },
                "multi_margin" => new Losses.MultiClassHingeLoss<T> { IgnoreIndex = ignoreIndex },
                "categorical_focal" => new Losses.CategoricalFocalLoss<T>(T.CreateChecked(Number("alpha")!.Value), T.CreateChecked(Number("gamma")!.Value)) { IgnoreIndex = ignoreIndex },
                _ => throw new InvalidOperationException($"No built-in for {loss}."),
            };
            return batch;
        }

        public bool IsIgnored(int row) => _classIndex is not null && _target[row] == _classIndex.IgnoreIndex;

        public double ClassWeight(int row) => _classWeights is null ? 1 : _classWeights[_target[row]];

        public void Values(T[] logits, T[] destination, T[]? weight)
        {
            if (_classIndex is not null)
            {
                if (weight is null) { _classIndex.Values(logits, _target, _classes, destination); } else { _classIndex.Values(logits, _target, weight, _classes, destination); }
            }
            else if (weight is null) { _rowTarget!.Values(logits, _targetRows, _classes, destination); }
            else { _rowTarget!.Values(logits, _targetRows, weight, _classes, destination); }
        }

        public T Value(T[] logits, Reduction reduction, T[]? weight) => _classIndex is not null
            ? weight is null ? _classIndex.Value(logits, _target, _classes, reduction) : _classIndex.Value(logits, _target, weight, _classes, reduction)
            : weight is null ? _rowTarget!.Value(logits, _targetRows, _classes, reduction) : _rowTarget!.Value(logits, _targetRows, weight, _classes, reduction);

        public void Gradient(T[] logits, T[] gradient, Reduction reduction, T[]? weight)
        {
            if (_classIndex is not null)
            {
                if (weight is null) { _classIndex.Gradient(logits, _target, _classes, gradient, reduction); } else { _classIndex.Gradient(logits, _target, weight, _classes, gradient, reduction); }
            }
            else if (weight is null) { _rowTarget!.Gradient(logits, _targetRows, _classes, gradient, reduction); }
            else { _rowTarget!.Gradient(logits, _targetRows, weight, _classes, gradient, reduction); }
        }

        public T ValueAndGradient(T[] logits, T[] gradient, Reduction reduction, T[]? weight) => _classIndex is not null
            ? weight is null ? _classIndex.ValueAndGradient(logits, _target, _classes, gradient, reduction) : _classIndex.ValueAndGradient(logits, _target, weight, _classes, gradient, reduction)
            : weight is null ? _rowTarget!.ValueAndGradient(logits, _targetRows, _classes, gradient, reduction) : _rowTarget!.ValueAndGradient(logits, _targetRows, weight, _classes, gradient, reduction);

        public T RowValue(ReadOnlySpan<T> row, int n) => _classIndex is not null
            ? _classIndex.Value(row, _target[n])
            : _rowTarget!.Value(row, _targetRows.AsSpan(n * _classes, _classes));

        public void RowGradient(ReadOnlySpan<T> row, int n, Span<T> gradient)
        {
            if (_classIndex is not null)
            {
                _classIndex.Gradient(row, _target[n], gradient);
            }
            else
            {
                _rowTarget!.Gradient(row, _targetRows.AsSpan(n * _classes, _classes), gradient);
            }
        }
    }
}
