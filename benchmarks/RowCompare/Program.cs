using System.Diagnostics;
using System.Numerics;
using LossGen;

// Softmax cross-entropy (mean reduction) over a batch of rows, forward (Value) and forward + backward
// (ValueAndGradient), timed with a stopwatch: one line per case, "label <tab> case <tab> median ms". Run by
// benchmarks/compare-rows.sh, which builds this against two checkouts and alternates their runs.
var label = args.Length > 0 ? args[0] : "LossGen";
foreach (var (rows, classes) in new[] { (4096, 1000), (65536, 10) })
{
    Run<float>(label, rows, classes);
    Run<double>(label, rows, classes);
}

static void Run<T>(string label, int rows, int classes)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    var loss = new Losses.SoftmaxCrossEntropyLoss<T>();
    var random = new Random(20240611);
    var logits = new T[rows * classes];
    for (var i = 0; i < logits.Length; i++)
    {
        logits[i] = T.CreateTruncating(random.NextDouble() * 8 - 4);
    }

    var target = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
    var gradient = new T[logits.Length];
    var name = $"{(typeof(T) == typeof(float) ? "float" : "double")} {rows}x{classes}";
    Console.WriteLine($"{label}\t{name} forward\t{Median(() => loss.Value(logits, target, classes)):F3}");
    Console.WriteLine($"{label}\t{name} forward+backward\t{Median(() => loss.ValueAndGradient(logits, target, classes, gradient)):F3}");
}

/// <summary>The median of at least 15 calls (as many as fit in a second, up to 200), after 5 warm-up calls, in ms.</summary>
static double Median<TResult>(Func<TResult> call)
{
    for (var i = 0; i < 5; i++)
    {
        call();
    }

    var times = new List<double>();
    var total = Stopwatch.StartNew();
    while (times.Count < 15 || (total.Elapsed.TotalSeconds < 1 && times.Count < 200))
    {
        var start = Stopwatch.GetTimestamp();
        call();
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    times.Sort();
    return times[times.Count / 2];
}
