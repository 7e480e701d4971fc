using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The aliasing contract by class of call, not by instance: for every batch call of the element losses in
/// <see cref="SuiteCalls"/> (plain and weighted; Values, Value, Gradient, ValueAndGradient, GradientAndHessian; every
/// reduction), every assignment of its outputs to exactly the memory of its inputs (each output to each input, two
/// outputs to two different inputs, never one output to another), every length 0 … 3 widest vectors + 1, float and
/// double: the returned value and every output element are bit-identical to the same call with separate memory, and
/// the inputs not aliased are left as they were. For the row losses, whose outputs must have their own memory
/// (RowGuard.Output), every alias of an output that writes anything is rejected with an ArgumentException before
/// anything is written, and an output that writes nothing (0 rows) may alias.
/// </summary>
public class AliasingSuiteTests
{
    public static TheoryData<string, string, string> ElementCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var loss in SuiteCalls.Losses)
        {
            foreach (var shape in SuiteCalls.Shapes)
            {
                data.Add(loss, shape, "float");
                data.Add(loss, shape, "double");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ElementCases))]
    public void Element_call_with_outputs_aliased_to_inputs_is_bit_identical_to_separate_memory(string loss, string shape, string type)
    {
        var failures = type == "float" ? Run<float>(loss, shape) : Run<double>(loss, shape);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches, first ones:\n" + string.Join("\n", failures.Take(12)));
    }

    /// <summary>Each output to -1 (its own memory) or an input; two outputs never to the same input.</summary>
    internal static IEnumerable<int[]> AliasMaps(int outputs, int inputs)
    {
        if (outputs == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var rest in AliasMaps(outputs - 1, inputs))
        {
            for (var k = -1; k < inputs; k++)
            {
                if (k == -1 || !rest.Contains(k))
                {
                    yield return [.. rest, k];
                }
            }
        }
    }

    private static List<string> Run<T>(string loss, string shape)
        where T : struct, IFloatingPointIeee754<T>
    {
        var failures = new List<string>();
        var maxLength = 3 * SuiteCalls.WidestCount<T>() + 1;
        foreach (var call in SuiteCalls.Calls<T>(loss, shape))
        {
            for (var n = 0; n <= maxLength; n++)
            {
                var inputs = SuiteCalls.Inputs(call, n, 1000 * n + call.Outputs.Length);
                var expectedOutputs = call.Outputs.Select(_ => Enumerable.Repeat(T.CreateTruncating(-12345.5), n).ToArray()).ToArray();
                var expected = call.Invoke(inputs.Select(a => (T[])a.Clone()).ToArray(), expectedOutputs);
                foreach (var map in AliasMaps(call.Outputs.Length, call.Inputs.Length))
                {
                    var alias = string.Join(", ", map.Select((k, j) => $"{call.Outputs[j]}={(k < 0 ? "own" : call.Inputs[k])}"));
                    var where = $"{call} alias [{alias}] n={n}";
                    var actualInputs = inputs.Select(a => (T[])a.Clone()).ToArray();
                    var actualOutputs = map.Select(k => k < 0 ? Enumerable.Repeat(T.NaN, n).ToArray() : actualInputs[k]).ToArray();
                    T actual;
                    try
                    {
                        actual = call.Invoke(actualInputs, actualOutputs);
                    }
                    catch (Exception e)
                    {
                        failures.Add($"{where}: threw {e.GetType().Name}: {e.Message}");
                        continue;
                    }

                    Compare(failures, where, "returned value", expected, actual);
                    for (var j = 0; j < map.Length; j++)
                    {
                        for (var i = 0; i < n; i++)
                        {
                            Compare(failures, where, $"{call.Outputs[j]}[{i}]", expectedOutputs[j][i], actualOutputs[j][i]);
                        }
                    }

                    for (var k = 0; k < inputs.Length; k++)
                    {
                        if (!map.Contains(k))
                        {
                            for (var i = 0; i < n; i++)
                            {
                                Compare(failures, where, $"input {call.Inputs[k]}[{i}] (not aliased, must be unchanged)", inputs[k][i], actualInputs[k][i]);
                            }
                        }
                    }
                }
            }
        }

        return failures;
    }

    internal static void Compare<T>(List<string> failures, string where, string what, T expected, T actual)
    {
        var e = SuiteCalls.Bits(expected);
        var a = SuiteCalls.Bits(actual);
        if (e != a)
        {
            failures.Add($"{where}: {what} expected {expected} (bits 0x{e:X}), actual {actual} (bits 0x{a:X})");
        }
    }

    // ---- Row losses ----

    private delegate T RowBody<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> softTarget, int[] classTarget, ReadOnlySpan<T> weight, int classes, Span<T> output);

    /// <summary>One row call: which inputs it reads, and whether its output has one value per row or per logit (or none).</summary>
    private sealed record RowCall<T>(string Loss, string Shape, Reduction? Reduction, bool SoftTarget, bool Weighted, string Output, RowBody<T> Invoke);

    public static TheoryData<string, string> RowCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var loss in new[] { "SoftmaxCrossEntropy", "SoftmaxCrossEntropy(smoothing, class weights)", "SoftTargetCrossEntropy", "KLDivergence" })
        {
            data.Add(loss, "float");
            data.Add(loss, "double");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowCases))]
    public void Row_call_with_output_aliased_to_an_input_is_rejected_unless_it_writes_nothing(string loss, string type)
    {
        var failures = type == "float" ? RunRows<float>(loss) : RunRows<double>(loss);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches, first ones:\n" + string.Join("\n", failures.Take(12)));
    }

    private static IEnumerable<RowCall<T>> RowCalls<T>(string loss, int classes)
        where T : struct, IFloatingPointIeee754<T>
    {
        Reduction[] reductions = [Reduction.Sum, Reduction.Mean, Reduction.WeightedMean];
        if (loss.StartsWith("SoftmaxCrossEntropy", StringComparison.Ordinal))
        {
            IClassIndexLoss<T> l = loss == "SoftmaxCrossEntropy"
                ? new Losses.SoftmaxCrossEntropyLoss<T>()
                : new Losses.SoftmaxCrossEntropyLoss<T>(T.CreateTruncating(0.1)) { ClassWeights = Enumerable.Range(0, classes).Select(c => T.CreateTruncating(0.5 + 0.25 * (c % 5))).ToArray() };
            yield return new(loss, "Gradient(one row)", null, false, false, "row", (x, s, y, w, c, o) => { l.Gradient(x, y[0], o); return T.Zero; });
            yield return new(loss, "Values", null, false, false, "rows", (x, s, y, w, c, o) => { l.Values(x, y, c, o); return T.Zero; });
            yield return new(loss, "Values/weighted", null, false, true, "rows", (x, s, y, w, c, o) => { l.Values(x, y, w, c, o); return T.Zero; });
            foreach (var r in reductions)
            {
                yield return new(loss, "Value", r, false, false, "none", (x, s, y, w, c, o) => l.Value(x, y, c, r));
                yield return new(loss, "Gradient", r, false, false, "logits", (x, s, y, w, c, o) => { l.Gradient(x, y, c, o, r); return T.Zero; });
                yield return new(loss, "ValueAndGradient", r, false, false, "logits", (x, s, y, w, c, o) => l.ValueAndGradient(x, y, c, o, r));
                yield return new(loss, "Value/weighted", r, false, true, "none", (x, s, y, w, c, o) => l.Value(x, y, w, c, r));
                yield return new(loss, "Gradient/weighted", r, false, true, "logits", (x, s, y, w, c, o) => { l.Gradient(x, y, w, c, o, r); return T.Zero; });
                yield return new(loss, "ValueAndGradient/weighted", r, false, true, "logits", (x, s, y, w, c, o) => l.ValueAndGradient(x, y, w, c, o, r));
            }

            yield break;
        }

        IRowTargetLoss<T> t = loss == "KLDivergence" ? new Losses.KLDivergenceLoss<T>() : new Losses.SoftTargetCrossEntropyLoss<T>();
        yield return new(loss, "Gradient(one row)", null, true, false, "row", (x, s, y, w, c, o) => { t.Gradient(x, s, o); return T.Zero; });
        yield return new(loss, "Values", null, true, false, "rows", (x, s, y, w, c, o) => { t.Values(x, s, c, o); return T.Zero; });
        yield return new(loss, "Values/weighted", null, true, true, "rows", (x, s, y, w, c, o) => { t.Values(x, s, w, c, o); return T.Zero; });
        foreach (var r in reductions)
        {
            yield return new(loss, "Value", r, true, false, "none", (x, s, y, w, c, o) => t.Value(x, s, c, r));
            yield return new(loss, "Gradient", r, true, false, "logits", (x, s, y, w, c, o) => { t.Gradient(x, s, c, o, r); return T.Zero; });
            yield return new(loss, "ValueAndGradient", r, true, false, "logits", (x, s, y, w, c, o) => t.ValueAndGradient(x, s, c, o, r));
            yield return new(loss, "Value/weighted", r, true, true, "none", (x, s, y, w, c, o) => t.Value(x, s, w, c, r));
            yield return new(loss, "Gradient/weighted", r, true, true, "logits", (x, s, y, w, c, o) => { t.Gradient(x, s, w, c, o, r); return T.Zero; });
            yield return new(loss, "ValueAndGradient/weighted", r, true, true, "logits", (x, s, y, w, c, o) => t.ValueAndGradient(x, s, w, c, o, r));
        }
    }

    private static List<string> RunRows<T>(string loss)
        where T : struct, IFloatingPointIeee754<T>
    {
        var failures = new List<string>();
        foreach (var classes in new[] { 1, 3, 17 })
        {
            foreach (var call in RowCalls<T>(loss, classes))
            {
                for (var rows = 0; rows <= 3; rows++)
                {
                    if (call.Output == "row" && rows != 1)
                    {
                        continue;
                    }

                    var random = new Random(100 * rows + classes);
                    var logits = Enumerable.Range(0, rows * classes).Select(_ => T.CreateTruncating(8 * random.NextDouble() - 4)).ToArray();
                    var soft = Enumerable.Range(0, rows * classes).Select(_ => T.CreateTruncating(random.Next(4) == 0 ? 0 : random.NextDouble())).ToArray();
                    var classTarget = Enumerable.Range(0, rows).Select(n => n == 2 ? -100 : random.Next(classes)).ToArray();
                    var weight = Enumerable.Range(0, rows).Select(_ => T.CreateTruncating(0.25 + 1.75 * random.NextDouble())).ToArray();
                    var written = call.Output switch { "none" => 0, "rows" => rows, _ => rows * classes };
                    var where = $"{call.Loss}.{call.Shape}({call.Reduction?.ToString() ?? "no reduction"}) {typeof(T).Name} rows={rows} classes={classes}";

                    var expectedOutput = new T[written];
                    var expected = call.Invoke(logits, soft, classTarget, weight, classes, expectedOutput);
                    if (call.Output == "none")
                    {
                        continue;
                    }

                    var inputs = new List<(string Name, T[] Values)> { ("logits", logits) };
                    if (call.SoftTarget)
                    {
                        inputs.Add(("target", soft));
                    }

                    if (call.Weighted)
                    {
                        inputs.Add(("weight", weight));
                    }

                    foreach (var (name, values) in inputs)
                    {
                        // The output starts exactly at the input's memory; the buffer is as long as the longer of the two.
                        var buffer = new T[Math.Max(values.Length, written)];
                        values.CopyTo(buffer, 0);
                        var before = (T[])buffer.Clone();
                        var x = name == "logits" ? buffer.AsSpan(0, logits.Length) : logits;
                        var s = name == "target" ? buffer.AsSpan(0, soft.Length) : soft;
                        var w = name == "weight" ? buffer.AsSpan(0, weight.Length) : weight;
                        var output = buffer.AsSpan(0, written);
                        var here = $"{where} output={name}";
                        try
                        {
                            var actual = call.Invoke(x, s, classTarget, w, classes, output);
                            if (written > 0)
                            {
                                failures.Add($"{here}: expected ArgumentException (row outputs need their own memory), nothing thrown");
                                continue;
                            }

                            Compare(failures, here, "returned value", expected, actual);
                        }
                        catch (ArgumentException) when (written > 0)
                        {
                            for (var i = 0; i < buffer.Length; i++)
                            {
                                Compare(failures, here, $"aliased memory[{i}] after the rejected call", before[i], buffer[i]);
                            }
                        }
                        catch (Exception e)
                        {
                            failures.Add($"{here}: threw {e.GetType().Name}: {e.Message}");
                        }
                    }
                }
            }
        }

        return failures;
    }
}
