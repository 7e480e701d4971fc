using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LossGen.Internal;
using Xunit;

namespace LossGen.Tests.Rows;

/// <summary>
/// Parallel = serial, bit for bit, for the row losses: every batch call (plain and weighted, every reduction) of a
/// class-index loss (softmax cross-entropy with class weights, label smoothing and ignored rows) and of a row-target loss
/// (soft-target cross-entropy), float and double, at row counts on both sides of every chunk boundary (a chunk is
/// <see cref="BatchRunner.ChunkLength"/> / classes rows), and with rows longer than a chunk; degrees 1, 2, 3 and −1
/// against the default (serial) loss, and the chunked batch against each row alone (outputs bit for bit, the sum to its
/// rounding), so that a chunk's offsets are checked too, not only its agreement across degrees.
/// </summary>
public class RowParallelSuiteTests
{
    private static readonly int[] Degrees = [1, 2, 3, -1];

    private static readonly Reduction[] Reductions = [Reduction.Sum, Reduction.Mean];

    /// <summary>Row counts around the chunk boundaries for <paramref name="classes"/> classes.</summary>
    private static int[] RowCounts(int classes)
    {
        var r = Math.Max(1, BatchRunner.ChunkLength / classes);
        return classes > BatchRunner.ChunkLength ? [0, 1, 2, 3] : [0, 1, r - 1, r, 2 * r - 1, 2 * r, 2 * r + 1, 3 * r - 1, 3 * r + 1, 4 * r];
    }

    public static TheoryData<string, int> Cases() => new()
    {
        { "float", 10 },
        { "double", 10 },
        { "float", 3 },
        { "double", BatchRunner.ChunkLength + 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Class_index_row_calls_are_bit_identical_to_serial_at_every_degree(string type, int classes)
    {
        var failures = type == "float" ? ClassIndex<float>(classes) : ClassIndex<double>(classes);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches, first ones:\n" + string.Join("\n", failures.Take(12)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Row_target_calls_are_bit_identical_to_serial_at_every_degree(string type, int classes)
    {
        var failures = type == "float" ? RowTarget<float>(classes) : RowTarget<double>(classes);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches, first ones:\n" + string.Join("\n", failures.Take(12)));
    }

    private static List<string> ClassIndex<T>(int classes)
        where T : struct, IFloatingPointIeee754<T>
    {
        var weights = Enumerable.Range(0, classes).Select(j => T.CreateChecked(0.5 + j % 4 * 0.25)).ToArray();
        Losses.SoftmaxCrossEntropyLoss<T> Create(int degree) => new(labelSmoothing: T.CreateChecked(0.1)) { ClassWeights = weights, MaxDegreeOfParallelism = degree };
        var serial = Create(1);
        var failures = new List<string>();
        foreach (var rows in RowCounts(classes))
        {
            var random = new Random(rows);
            var logits = Values<T>(random, rows * classes, 4);
            var target = Enumerable.Range(0, rows).Select(n => n % 17 == 5 ? serial.IgnoreIndex : random.Next(classes)).ToArray();
            var weight = Values<T>(random, rows, 1).Select(T.Abs).ToArray();
            var calls = new List<(string Name, int Output, Func<Losses.SoftmaxCrossEntropyLoss<T>, T[], T> Call)>
            {
                ("Values", rows, (l, o) => { l.Values(logits, target, classes, o); return T.Zero; }),
                ("Values weighted", rows, (l, o) => { l.Values(logits, target, weight, classes, o); return T.Zero; }),
            };
            foreach (var r in Reductions)
            {
                calls.Add(($"Value {r}", 0, (l, _) => l.Value(logits, target, classes, r)));
                calls.Add(($"Gradient {r}", rows * classes, (l, o) => { l.Gradient(logits, target, classes, o, r); return T.Zero; }));
                calls.Add(($"ValueAndGradient {r}", rows * classes, (l, o) => l.ValueAndGradient(logits, target, classes, o, r)));
            }

            foreach (var r in (Reduction[])[.. Reductions, Reduction.WeightedMean])
            {
                calls.Add(($"Value weighted {r}", 0, (l, _) => l.Value(logits, target, weight, classes, r)));
                calls.Add(($"Gradient weighted {r}", rows * classes, (l, o) => { l.Gradient(logits, target, weight, classes, o, r); return T.Zero; }));
                calls.Add(($"ValueAndGradient weighted {r}", rows * classes, (l, o) => l.ValueAndGradient(logits, target, weight, classes, o, r)));
            }

            Compare(failures, $"classes={classes} rows={rows}", calls, serial, Create);
            var where = $"classes={classes} rows={rows}";
            T[] Row(T[] all, int n, int width) => all[(n * width)..((n + 1) * width)];
            RowByRow<T>(failures, where + " Values weighted", rows, 1, o => serial.Values(logits, target, weight, classes, o),
                (n, o) => serial.Values(Row(logits, n, classes), [target[n]], [weight[n]], classes, o));
            RowByRow<T>(failures, where + " Gradient weighted Sum", rows, classes, o => serial.Gradient(logits, target, weight, classes, o, Reduction.Sum),
                (n, o) => serial.Gradient(Row(logits, n, classes), [target[n]], [weight[n]], classes, o, Reduction.Sum));
            SumOfRows(failures, where + " Value weighted Sum", serial.Value(logits, target, weight, classes, Reduction.Sum),
                Enumerable.Range(0, rows).Select(n => serial.Value(Row(logits, n, classes), [target[n]], [weight[n]], classes, Reduction.Sum)));
        }

        return failures;
    }

    private static List<string> RowTarget<T>(int classes)
        where T : struct, IFloatingPointIeee754<T>
    {
        Losses.SoftTargetCrossEntropyLoss<T> Create(int degree) => new() { MaxDegreeOfParallelism = degree };
        var serial = Create(1);
        var failures = new List<string>();
        foreach (var rows in RowCounts(classes))
        {
            var random = new Random(rows);
            var logits = Values<T>(random, rows * classes, 4);
            var target = Values<T>(random, rows * classes, 1).Select(T.Abs).ToArray();
            var weight = Values<T>(random, rows, 1).Select(T.Abs).ToArray();
            var calls = new List<(string Name, int Output, Func<Losses.SoftTargetCrossEntropyLoss<T>, T[], T> Call)>
            {
                ("Values", rows, (l, o) => { l.Values(logits, target, classes, o); return T.Zero; }),
                ("Values weighted", rows, (l, o) => { l.Values(logits, target, weight, classes, o); return T.Zero; }),
            };
            foreach (var r in Reductions)
            {
                calls.Add(($"Value {r}", 0, (l, _) => l.Value(logits, target, classes, r)));
                calls.Add(($"Gradient {r}", rows * classes, (l, o) => { l.Gradient(logits, target, classes, o, r); return T.Zero; }));
                calls.Add(($"ValueAndGradient {r}", rows * classes, (l, o) => l.ValueAndGradient(logits, target, classes, o, r)));
            }

            foreach (var r in (Reduction[])[.. Reductions, Reduction.WeightedMean])
            {
                calls.Add(($"Value weighted {r}", 0, (l, _) => l.Value(logits, target, weight, classes, r)));
                calls.Add(($"Gradient weighted {r}", rows * classes, (l, o) => { l.Gradient(logits, target, weight, classes, o, r); return T.Zero; }));
                calls.Add(($"ValueAndGradient weighted {r}", rows * classes, (l, o) => l.ValueAndGradient(logits, target, weight, classes, o, r)));
            }

            Compare(failures, $"classes={classes} rows={rows}", calls, serial, Create);
            var where = $"classes={classes} rows={rows}";
            T[] Row(T[] all, int n, int width) => all[(n * width)..((n + 1) * width)];
            RowByRow<T>(failures, where + " Values weighted", rows, 1, o => serial.Values(logits, target, weight, classes, o),
                (n, o) => serial.Values(Row(logits, n, classes), Row(target, n, classes), [weight[n]], classes, o));
            RowByRow<T>(failures, where + " Gradient weighted Sum", rows, classes, o => serial.Gradient(logits, target, weight, classes, o, Reduction.Sum),
                (n, o) => serial.Gradient(Row(logits, n, classes), Row(target, n, classes), [weight[n]], classes, o, Reduction.Sum));
            SumOfRows(failures, where + " Value weighted Sum", serial.Value(logits, target, weight, classes, Reduction.Sum),
                Enumerable.Range(0, rows).Select(n => serial.Value(Row(logits, n, classes), Row(target, n, classes), [weight[n]], classes, Reduction.Sum)));
        }

        return failures;
    }

    /// <summary>A batch call's output equals, bit for bit, the same call made on each row alone (a batch of one row is never chunked).</summary>
    private static void RowByRow<T>(List<string> failures, string where, int rows, int width, Action<T[]> batch, Action<int, T[]> row)
        where T : struct, IFloatingPointIeee754<T>
    {
        var expected = new T[rows * width];
        batch(expected);
        for (var n = 0; n < rows; n++)
        {
            var actual = new T[width];
            row(n, actual);
            var first = Enumerable.Range(0, width).FirstOrDefault(j => !Same(expected[n * width + j], actual[j]), -1);
            if (first >= 0)
            {
                failures.Add($"{where}: row {n}[{first}] = {expected[n * width + first]} in the batch, {actual[first]} alone");
                return;
            }
        }
    }

    /// <summary>A batch's sum equals the sum of its rows' losses, to the rounding of the sum.</summary>
    private static void SumOfRows<T>(List<string> failures, string where, T batch, IEnumerable<T> rows)
        where T : struct, IFloatingPointIeee754<T>
    {
        var values = rows.Select(double.CreateChecked).ToArray();
        var sum = values.Sum();
        var magnitude = values.Sum(Math.Abs);
        var tolerance = (typeof(T) == typeof(float) ? 1e-6 : 1e-14) * Math.Max(magnitude, 1);
        if (Math.Abs(double.CreateChecked(batch) - sum) > tolerance)
        {
            failures.Add($"{where}: {batch} in the batch, {sum} summed row by row");
        }
    }

    private static void Compare<T, TLoss>(List<string> failures, string where, List<(string Name, int Output, Func<TLoss, T[], T> Call)> calls, TLoss serial, Func<int, TLoss> create)
        where T : struct, IFloatingPointIeee754<T>
    {
        var losses = Degrees.ToDictionary(d => d, create);
        foreach (var (name, output, call) in calls)
        {
            var expectedOutput = Enumerable.Repeat(T.NaN, output).ToArray();
            var expected = call(serial, expectedOutput);
            foreach (var degree in Degrees)
            {
                var actualOutput = Enumerable.Repeat(T.NaN, output).ToArray();
                var actual = call(losses[degree], actualOutput);
                if (!Same(expected, actual))
                {
                    failures.Add($"{where} {name} degree={degree}: returned {actual}, serial {expected}");
                }

                var first = Enumerable.Range(0, output).FirstOrDefault(i => !Same(expectedOutput[i], actualOutput[i]), -1);
                if (first >= 0)
                {
                    failures.Add($"{where} {name} degree={degree}: output[{first}] = {actualOutput[first]}, serial {expectedOutput[first]}");
                }
            }
        }
    }

    private static bool Same<T>(T a, T b)
        where T : struct, IFloatingPointIeee754<T> => typeof(T) == typeof(float)
        ? BitConverter.SingleToInt32Bits((float)(object)a) == BitConverter.SingleToInt32Bits((float)(object)b)
        : BitConverter.DoubleToInt64Bits((double)(object)a) == BitConverter.DoubleToInt64Bits((double)(object)b);

    private static T[] Values<T>(Random random, int count, double scale)
        where T : struct, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked((random.NextDouble() * 2 - 1) * scale)).ToArray();
}
