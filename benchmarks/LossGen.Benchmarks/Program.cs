using System.Diagnostics;
using BenchmarkDotNet.Running;

namespace LossGen.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release -- --filter '*'</c> runs everything; any BenchmarkDotNet argument works
/// (<c>--filter '*Focal*'</c>, <c>--list flat</c>, <c>--artifacts DIR</c>). <c>benchmarks/run.sh</c> is the usual way in.
/// <c>--check [N…]</c> only runs the checks that every naive loop and TensorPrimitives composition computes
/// LossGen's mean and gradient (default N = 1000 and 1000000), and times nothing.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--check")
        {
            return CheckAll(args.Length > 1 ? args.Skip(1).Select(int.Parse).ToArray() : [1_000, 1_000_000]);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchConfig());
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            {
                return 1;
            }
        }

        return 0;
    }

    private static int CheckAll(int[] sizes)
    {
        var stopwatch = Stopwatch.StartNew();
        var definitions = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsGenericTypeDefinition && !t.IsAbstract && t.BaseType is { IsGenericType: true } b
                && b.GetGenericTypeDefinition() == typeof(LossBenchmark<>));
        foreach (var definition in definitions.OrderBy(t => t.Name))
        {
            foreach (var element in new[] { typeof(float), typeof(double) })
            {
                foreach (var n in sizes)
                {
                    var type = definition.MakeGenericType(element);
                    var benchmark = Activator.CreateInstance(type)!;
                    type.GetProperty("N")!.SetValue(benchmark, n);
                    type.GetMethod("CheckOnly")!.Invoke(benchmark, null);
                }
            }
        }

        Console.WriteLine($"All checks passed in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
