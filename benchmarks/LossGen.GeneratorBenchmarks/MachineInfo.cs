using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace LossGen.GeneratorBenchmarks;

/// <summary>The CPU and the widest vector ISA, as benchmarks/EngineCompare and benchmarks/summarize.py report them.</summary>
public static class MachineInfo
{
    /// <summary>The CPU's model name (/proc/cpuinfo), or the OS and architecture where there is none.</summary>
    public static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return $"{RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}";
    }

    /// <summary>The widest accelerated vectors and the ISA behind them.</summary>
    public static string Isa()
    {
        var widest = Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? "AVX-512F (512-bit vectors)"
            : Avx2.IsSupported ? "AVX2 (256-bit vectors)"
            : AdvSimd.IsSupported ? "AdvSimd (128-bit vectors)"
            : Vector128.IsHardwareAccelerated ? "128-bit vectors"
            : "no hardware vectors";
        return $"{widest}, FMA {Fma.IsSupported}; Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}";
    }

    /// <summary>One line: CPU, cores, ISA, .NET.</summary>
    public static string Describe() =>
        $"CPU: {Cpu()}, {Environment.ProcessorCount} logical cores; ISA: {Isa()}; {RuntimeInformation.FrameworkDescription}";
}
