using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace LossGen.Benchmarks;

/// <summary>
/// Softmax cross-entropy over rows of logits, one call of <c>ValueAndGradient(logits, target, classes, gradient)</c>
/// (mean reduction): LossGen's generated row kernels against the loop a user writes by hand. The PyTorch side is
/// <c>benchmarks/pytorch_rows.py</c>; <c>benchmarks/rows.sh</c> runs both and prints the table of docs/performance.md.
/// </summary>
/// <remarks>
/// Shapes: a classification batch of 4 096 rows × 1 000 classes, and a sequence batch of 64 × 128 tokens over a
/// 32 000-word vocabulary with its last 16 positions of every sequence padding (target −100, ignored). Logits are
/// uniform in [−4, 4), targets uniform (fixed seed); the same on the PyTorch side.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class CrossEntropyBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Losses.SoftmaxCrossEntropyLoss<T> _loss = new();
    private readonly Losses.SoftmaxCrossEntropyLoss<T> _twoThreads = new() { MaxDegreeOfParallelism = 2 };
    private T[] _logits = [];
    private int[] _target = [];
    private T[] _gradient = [];

    /// <summary>rows × classes: a classification batch, or a sequence batch (8 192 tokens) over a 32 000-word vocabulary.</summary>
    [Params("4096x1000", "8192x32000")]
    public string Shape { get; set; } = "4096x1000";

    private int Classes => int.Parse(Shape.Split('x')[1]);

    [GlobalSetup]
    public void Setup()
    {
        var rows = int.Parse(Shape.Split('x')[0]);
        var random = new Random(20240611);
        _logits = new T[rows * Classes];
        for (var i = 0; i < _logits.Length; i++)
        {
            _logits[i] = T.CreateTruncating(random.NextDouble() * 8 - 4);
        }

        // The sequence batch: 64 sequences of 128 tokens, the last 16 of each padding.
        var sequence = Classes > 1000;
        _target = Enumerable.Range(0, rows).Select(n => sequence && n % 128 >= 112 ? -100 : random.Next(Classes)).ToArray();
        _gradient = new T[_logits.Length];
        var lossGen = LossGen();
        var naive = Naive();
        if (T.Abs(lossGen - naive) > T.CreateTruncating(1e-4) * T.Abs(lossGen))
        {
            throw new InvalidOperationException($"The naive loop computes {naive}, LossGen {lossGen}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _logits = _gradient = [];

    [Benchmark(Baseline = true)]
    public T LossGen() => _loss.ValueAndGradient(_logits, _target, Classes, _gradient);

    /// <summary>The same call with <c>MaxDegreeOfParallelism = 2</c>: rows in chunks on two threads, the same bits.</summary>
    [Benchmark]
    public T LossGenTwoThreads() => _twoThreads.ValueAndGradient(_logits, _target, Classes, _gradient);

    /// <summary>The loop a user writes: max, Σ exp(x − max), the loss, then softmax − one-hot over the mean's count.</summary>
    [Benchmark]
    public T Naive()
    {
        var classes = Classes;
        var counted = _target.Count(t => t != -100);
        var scale = T.One / T.CreateTruncating(counted);
        var sum = 0.0;
        for (var n = 0; n < _target.Length; n++)
        {
            var row = _logits.AsSpan(n * classes, classes);
            var gradient = _gradient.AsSpan(n * classes, classes);
            if (_target[n] == -100)
            {
                gradient.Clear();
                continue;
            }

            var max = T.NegativeInfinity;
            foreach (var x in row)
            {
                max = T.Max(max, x);
            }

            var total = T.Zero;
            foreach (var x in row)
            {
                total += T.Exp(x - max);
            }

            var logSum = T.Log(total);
            sum += double.CreateTruncating(max + logSum - row[_target[n]]);
            for (var j = 0; j < classes; j++)
            {
                gradient[j] = T.Exp(row[j] - max - logSum) * scale;
            }

            gradient[_target[n]] -= scale;
        }

        return T.CreateTruncating(sum / counted);
    }
}
