using System.Diagnostics;
using System.Runtime.Intrinsics;
using LossGen;

Console.WriteLine($"vectors: {(Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0)} bits, FMA {System.Runtime.Intrinsics.X86.Fma.IsSupported}");
var n = 1 << 20;
var rng = new Random(1);
var p = new float[n]; var t = new float[n]; var g = new float[n]; var h = new float[n];
for (var i = 0; i < n; i++) { p[i] = (float)(rng.NextDouble() * 8 - 4); t[i] = rng.Next(2); }
var losses = new (string, ITwiceDifferentiableLoss<float>)[] {
    ("MSE", new Losses.MeanSquaredErrorLoss<float>()), ("Huber", new Losses.HuberLoss<float>()),
    ("BCEWithLogits", new Losses.BinaryCrossEntropyWithLogitsLoss<float>()), ("LogCosh", new Losses.LogCoshLoss<float>()),
    ("Focal", new Losses.FocalLoss<float>(0.25f, 2f)) };
foreach (var (name, loss) in losses)
{
    double Best(Action a) { a(); var best = double.MaxValue; for (var r = 0; r < 15; r++) { var sw = Stopwatch.StartNew(); a(); best = Math.Min(best, sw.Elapsed.TotalNanoseconds / n); } return best; }
    var vg = Best(() => loss.ValueAndGradient(p, t, g));
    var v = Best(() => loss.Value(p, t));
    var gr = Best(() => loss.Gradient(p, t, g));
    var gh = Best(() => loss.GradientAndHessian(p, t, g, h));
    Console.WriteLine($"{name,-14} VG {vg:F3}  V {v:F3}  G {gr:F3}  GH {gh:F3}");
}
