using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LossGen.Internal;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// Parallel = serial, bit for bit, by class of call: for every batch call of four element losses of
/// <see cref="SuiteCalls"/> (a two-input loss, a logit loss, a penalty without target and a loss with a differentiated
/// per-element input; plain and weighted; every reduction), float and double, at sizes on both sides of every chunk
/// boundary of <see cref="BatchRunner.ChunkLength"/> (where the chunk count changes, and where the last chunk holds
/// the largest remainder, up to twice a chunk), a loss with MaxDegreeOfParallelism 1, 2, 3 and −1 returns the same
/// value and writes the same outputs as the loss with the default (serial) setting; at −1 also with the first output
/// exactly in place of the prediction. The row losses are covered by <c>Rows/RowParallelSuiteTests</c>.
/// </summary>
public class ParallelSuiteTests
{
    private const int C = BatchRunner.ChunkLength;

    private static readonly string[] ParallelLosses = ["MeanSquaredError", "BinaryCrossEntropyWithLogits", "L2Penalty", "GaussianNll"];

    private static readonly int[] Sizes = [0, 1, 1000, C - 1, C, C + 1, 2 * C - 1, 2 * C, 2 * C + 1, 3 * C - 1, 3 * C, 3 * C + 1, 4 * C - 1, 4 * C];

    private static readonly int[] Degrees = [1, 2, 3, -1];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var loss in ParallelLosses)
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
    [MemberData(nameof(Cases))]
    public void Parallel_call_is_bit_identical_to_the_serial_one_around_every_chunk_boundary(string loss, string shape, string type)
    {
        var failures = type == "float" ? Run<float>(loss, shape) : Run<double>(loss, shape);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches, first ones:\n" + string.Join("\n", failures.Take(12)));
    }

    private static List<string> Run<T>(string loss, string shape)
        where T : struct, IFloatingPointIeee754<T>
    {
        var failures = new List<string>();
        var serialCalls = SuiteCalls.Calls<T>(loss, shape).ToArray();
        var parallelCalls = Degrees.ToDictionary(d => d, d => SuiteCalls.Calls<T>(loss, shape, d).ToArray());
        foreach (var n in Sizes)
        {
            var inputs = SuiteCalls.Inputs(serialCalls[0], n, n + 7);
            for (var c = 0; c < serialCalls.Length; c++)
            {
                var serial = serialCalls[c];
                var expectedOutputs = serial.Outputs.Select(_ => new T[n]).ToArray();
                var expected = serial.Invoke(inputs, expectedOutputs);
                foreach (var degree in Degrees)
                {
                    foreach (var inPlace in degree == -1 && serial.Outputs.Length > 0 ? new[] { false, true } : [false])
                    {
                        var where = $"{serial} n={n} ({n / C} chunks) degree={degree}{(inPlace ? $" {serial.Outputs[0]}=prediction" : "")}";
                        var actualInputs = inPlace ? inputs.Select(a => (T[])a.Clone()).ToArray() : inputs;
                        var actualOutputs = serial.Outputs.Select((_, j) => inPlace && j == 0 ? actualInputs[0] : Enumerable.Repeat(T.NaN, n).ToArray()).ToArray();
                        T actual;
                        try
                        {
                            actual = parallelCalls[degree][c].Invoke(actualInputs, actualOutputs);
                        }
                        catch (Exception e)
                        {
                            failures.Add($"{where}: threw {e.GetType().Name}: {e.Message}");
                            continue;
                        }

                        AliasingSuiteTests.Compare(failures, where, "returned value", expected, actual);
                        for (var j = 0; j < expectedOutputs.Length; j++)
                        {
                            var mismatches = 0;
                            for (var i = 0; i < n; i++)
                            {
                                if (SuiteCalls.Bits(expectedOutputs[j][i]) != SuiteCalls.Bits(actualOutputs[j][i]) && mismatches++ < 3)
                                {
                                    AliasingSuiteTests.Compare(failures, where, $"{serial.Outputs[j]}[{i}]", expectedOutputs[j][i], actualOutputs[j][i]);
                                }
                            }
                        }
                    }
                }
            }
        }

        return failures;
    }
}
