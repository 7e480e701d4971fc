using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace LossGen.Benchmarks;

/// <summary>
/// The one job every benchmark runs with: a short run (1 launch, 3 warmup and 9 measured iterations of at least
/// 120 ms; 15 for the memory-bound classes) sized so that the whole sweep (106 cases, up to 16M elements) stays
/// within the 20-minute budget of <c>benchmarks/run.sh</c> on a 2-core machine.
/// </summary>
/// <remarks>
/// <para>Each iteration lasts at least <see cref="IterationMilliseconds"/>, so a 16M-element case (tens to hundreds of
/// milliseconds per call) runs one call per iteration and a 1000-element case a few hundred thousand.</para>
/// <para>Tiered compilation is off in the benchmark process: every method is compiled fully optimized at its first
/// call. With it on, a 16M-element case is called only about a dozen times, not the 30 calls that promote a method
/// to tier 1, so it would be measured in on-stack-replaced tier-0 code while a 1000-element case is measured in tier-1
/// code. Off, every size and every contender (LossGen, naive loop, TensorPrimitives) runs the same quality of code.</para>
/// </remarks>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>The shortest iteration, in milliseconds.</summary>
    public const int IterationMilliseconds = 120;

    /// <summary>Measured iterations per case.</summary>
    public const int Iterations = 9;

    /// <summary>
    /// Measured iterations of the memory-bound cases (MSE, Huber, the bandwidth probe), which are cheap and whose
    /// 1M-element times swing with whatever else uses the shared L3 cache: more samples steady their median.
    /// </summary>
    public const int MemoryBoundIterations = 15;

    public BenchConfig()
    {
        AddJob(Job.Default
            .WithId("LossGenShort")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(Iterations)
            .WithIterationTime(TimeInterval.FromMilliseconds(IterationMilliseconds))
            .WithEvaluateOverhead(false)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0")));

        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(new NsPerElementColumn());
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub);
        AddExporter(JsonExporter.Full);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
        WithOption(ConfigOptions.JoinSummary, false);
    }
}

/// <summary>The median time of one call divided by the case's <c>N</c> parameter.</summary>
public sealed class NsPerElementColumn : IColumn
{
    public string Id => nameof(NsPerElementColumn);

    public string ColumnName => "ns/element";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median time of one call divided by N, in nanoseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var n = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value;
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        return n is int count && count > 0 && statistics is not null
            ? (statistics.Median / count).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)
            : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
