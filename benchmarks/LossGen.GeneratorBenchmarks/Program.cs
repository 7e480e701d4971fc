using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LossGen.GeneratorBenchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/LossGen.GeneratorBenchmarks -- --filter '*'</c> runs
/// every benchmark with BenchmarkDotNet's default job; add <c>--job short</c> for a quick run. Any BenchmarkDotNet
/// argument works. <c>--check</c> only builds the 40-loss project, checks that it compiles cleanly and prints its size.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine(MachineInfo.Describe());
        var (_, output, generated, characters) = Workload.RunAndCheck(Workload.Compilation());
        var skipped = Workload.SkippedShapes.Count > 0 ? $" (shapes left out: {string.Join(", ", Workload.SkippedShapes)})" : "";
        var summaryLine =
            $"{Workload.Losses} losses of {Workload.Shapes.Count} shapes{skipped}: {characters:N0} characters generated in {generated.Length} files, " +
            $"{characters / Workload.Losses:N0} per loss; output compilation: 0 errors, " +
            $"{Workload.Warnings(output).Count()} CS1066 warnings (default values on user declarations, suppressed by LossDefaultValueSuppressor in a build)";
        Console.WriteLine(summaryLine);
        if (args.Length > 0 && args[0] == "--check")
        {
            return 0;
        }

        var config = DefaultConfig.Instance
            .AddColumn(new PerLossColumn())
            .AddColumn(new TargetColumn())
            .AddExporter(MarkdownExporter.GitHub)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(summaryLine);
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports.Where(r => r.ResultStatistics is not null))
            {
                var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                var mean = report.ResultStatistics!.Mean / 1e6;
                var perLoss = PerLossColumn.IsPerLoss(name) ? $", {mean / Workload.Losses:F2} ms per loss" : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: mean {mean:F2} ms{perLoss} (target {TargetColumn.Target(name)})"));
            }

            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            {
                return 1;
            }
        }

        return 0;
    }
}

/// <summary>The mean divided by the number of losses, for the benchmarks whose target is per loss.</summary>
public sealed class PerLossColumn : IColumn
{
    public static bool IsPerLoss(string method) => method is "WarmGeneration" or "Binding" or "UserCodeBinding" or "Emit";

    public string Id => nameof(PerLossColumn);

    public string ColumnName => "Mean/loss";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Mean divided by the number of losses ({Workload.Losses}), in milliseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        return IsPerLoss(benchmarkCase.Descriptor.WorkloadMethod.Name) && statistics is not null
            ? (statistics.Mean / 1e6 / Workload.Losses).ToString("0.00 'ms'", CultureInfo.InvariantCulture)
            : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Issue 18's target for the benchmark.</summary>
public sealed class TargetColumn : IColumn
{
    public static string Target(string method) => method switch
    {
        "WarmGeneration" => "≤ 5 ms/loss",
        "Binding" => "≤ 15 ms/loss",
        "RerunAfterUnrelatedEdit" => "≤ 15 ms",
        "RerunAfterEditingOneLoss" => "≤ 25 ms",
        _ => "none",
    };

    public string Id => nameof(TargetColumn);

    public string ColumnName => "Issue 18 target";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "The target issue 18 sets";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Target(benchmarkCase.Descriptor.WorkloadMethod.Name);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
