using System.Diagnostics;
using System.Runtime.Intrinsics;
using LossGen;

// The first calls of a fresh process: one loss per process (run.sh starts one per loss), ValueAndGradient with Mean
// over 1M floats, calls 1, 2..5, 6..20 and 21..50 against the median of calls 200..260 (steady state), in ns per element.
// Usage: dotnet FirstCalls.dll LOSS   (MSE, BCEWithLogits, Huber, LogCosh, Focal)
const int N = 1_000_000;
var name = args.Length > 0 ? args[0] : "MSE";
ILoss<float> loss = name switch
{
    "MSE" => new Losses.MeanSquaredErrorLoss<float>(),
    "BCEWithLogits" => new Losses.BinaryCrossEntropyWithLogitsLoss<float>(),
    "Huber" => new Losses.HuberLoss<float>(),
    "LogCosh" => new Losses.LogCoshLoss<float>(),
    "Focal" => new Losses.FocalLoss<float>(),
    _ => throw new ArgumentException($"unknown loss {name}", nameof(args)),
};
var random = new Random(7);
var prediction = Enumerable.Range(0, N).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
var target = Enumerable.Range(0, N).Select(_ => (float)random.Next(2)).ToArray();
var gradient = new float[N];
var times = new double[260];
for (var call = 0; call < times.Length; call++)
{
    var start = Stopwatch.GetTimestamp();
    loss.ValueAndGradient(prediction, target, gradient);
    times[call] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / N;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

var steady = Median(times[200..]);
var isa = Vector512.IsHardwareAccelerated ? "AVX-512" : Vector256.IsHardwareAccelerated ? "256-bit" : Vector128.IsHardwareAccelerated ? "128-bit" : "scalar";
Console.WriteLine($"{name}\t{isa}\tcall 1: {times[0]:F2}\tcalls 2-5: {Median(times[1..5]):F2}\tcalls 6-20: {Median(times[5..20]):F2}\tcalls 21-50: {Median(times[20..50]):F2}\tsteady: {steady:F2} ns/element\t6-20 / steady: {Median(times[5..20]) / steady:F2}x");
