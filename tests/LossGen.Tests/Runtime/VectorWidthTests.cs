using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// Every code path of the generated batch methods on one machine: tests/LossGen.WidthCheck prints the batch results of
/// the built-in losses, and runs here once per limit — all of it (the widest vectors of this machine), 256 and 128 bits
/// (DOTNET_PreferredVectorBitWidth), no AVX (128 bits without FMA) and no SIMD at all (the scalar loop). The vector
/// widths with a hardware fused multiply-add run the same math on the same elements, so their values and gradients
/// must agree bit for bit, and their sums too; without FMA the vector math rounds its polynomial steps separately (no
/// software fused multiply-add), and the scalar path is a different implementation: both within a few ulps.
/// </summary>
public sealed class VectorWidthTests
{
    private static readonly string Program = Path.Combine(
        RepositoryPaths.Root, "tests", "LossGen.WidthCheck", "bin", BuildConfiguration(), "net10.0", "LossGen.WidthCheck.dll");

    [Fact]
    public void Narrower_vectors_give_the_widest_ones_results_bit_for_bit()
    {
        var (widest, reference) = Run(null);
        Assert.Equal(ExpectedWidth(), widest);
        foreach (var width in new[] { 256, 128 })
        {
            if (width >= widest)
            {
                continue;
            }

            var (actual, lines) = Run("DOTNET_PreferredVectorBitWidth", value: width.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(width, actual);
            Assert.Equal(reference.Count, lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                Assert.True(reference[i] == lines[i], $"{width}-bit differs from {widest}-bit:\n{lines[i]}\n{reference[i]}");
            }
        }
    }

    [Fact]
    public void Vectors_without_fused_multiply_add_agree_with_the_widest_within_a_few_ulps()
    {
        var (_, reference) = Run(null);
        var (width, lines) = Run("DOTNET_EnableAVX");
        Assert.Equal(128, width);
        AssertClose(reference, lines, "128-bit without FMA", single => (single ? 2e-6 : 1e-13, single ? 1e-7 : 1e-15));
    }

    [Fact]
    public void Scalar_loop_agrees_with_the_vector_kernels_within_a_few_ulps()
    {
        var (_, reference) = Run(null);
        var (width, lines) = Run("DOTNET_EnableHWIntrinsic");
        Assert.Equal(0, width);
        AssertClose(reference, lines, "scalar", single => (single ? 2e-6 : 1e-13, single ? 1e-7 : 1e-15));
    }

    [Fact]
    public void Row_losses_agree_across_every_width_and_the_scalar_loop()
    {
        var (widest, reference) = Run(null, "rows");
        Assert.Equal(ExpectedWidth(), widest);
        foreach (var variable in new[] { "DOTNET_EnableAVX512", "DOTNET_EnableAVX", "DOTNET_EnableHWIntrinsic" })
        {
            // A row's sums add their terms in an order that depends on the vector width: no width is bit for bit another.
            AssertClose(reference, Run(variable, "rows").Lines, variable + "=0", single => (single ? 1e-5 : 1e-13, single ? 1e-7 : 1e-15));
        }
    }

    /// <summary>
    /// Asserts that two runs' lines name the same cases and that every number agrees within a relative tolerance plus an
    /// absolute one relative to the line's largest number.
    /// </summary>
    private static void AssertClose(List<string> reference, List<string> lines, string what, Func<bool, (double Relative, double OfLargest)> tolerances)
    {
        Assert.Equal(reference.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var expected = reference[i].Split(' ');
            var actual = lines[i].Split(' ');
            Assert.Equal(expected[..4], actual[..4]);
            var (relative, ofLargest) = tolerances(expected[1] == "float");
            var numbers = expected.Skip(4).Zip(actual.Skip(4), (e, a) => (Parse(e), Parse(a))).ToList();
            var scale = numbers.Max(n => double.IsFinite(n.Item1) ? Math.Abs(n.Item1) : 0);
            foreach (var (e, a) in numbers)
            {
                var tolerance = relative * Math.Max(Math.Abs(e), Math.Abs(a)) + ofLargest * scale;
                Assert.True(e.Equals(a) || Math.Abs(e - a) <= tolerance, $"{what}: {a} vs {e} in: {string.Join(' ', expected[..4])}");
            }
        }
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The program's lines, run with <paramref name="arguments"/> and <paramref name="variable"/> set to <paramref name="value"/> (none when null), and the width it ran at.</summary>
    private static (int Width, List<string> Lines) Run(string? variable, string arguments = "", string value = "0")
    {
        Assert.True(File.Exists(Program), $"{Program} is missing: build the solution first.");
        var start = new ProcessStartInfo(Environment.ProcessPath!, $"exec \"{Program}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "DOTNET_EnableAVX512", "DOTNET_EnableAVX", "DOTNET_EnableHWIntrinsic", "DOTNET_PreferredVectorBitWidth" })
        {
            start.Environment.Remove(name);
        }

        if (variable is not null)
        {
            start.Environment[variable] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "LossGen.WidthCheck did not finish within a minute");
        Assert.True(process.ExitCode == 0, $"LossGen.WidthCheck failed: {error.Result}");
        var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.StartsWith("width ", lines[0]);
        return (int.Parse(lines[0]["width ".Length..], CultureInfo.InvariantCulture), lines.Skip(1).ToList());
    }

    private static int ExpectedWidth() =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>Debug or Release: the configuration this test assembly was built in, which built the program too.</summary>
    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
}
