using System;
using System.Globalization;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>Asserts closeness as |actual - expected| ≤ absolute + relative·|expected| (NaN matches only NaN).</summary>
internal static class Near
{
    public const double DoubleRelative = 1e-10;
    public const double DoubleAbsolute = 1e-12;
    public const double FloatRelative = 1e-5;
    public const double FloatAbsolute = 1e-6;

    public static bool Within(double expected, double actual, double relative, double absolute) =>
        double.IsNaN(expected) ? double.IsNaN(actual)
        : expected == actual || Math.Abs(actual - expected) <= absolute + relative * Math.Abs(expected);

    public static void Equal(double expected, double actual, double relative, double absolute, string what)
    {
        if (!Within(expected, actual, relative, absolute))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R}, got {actual:R} (difference {actual - expected:R}, allowed {absolute:R} + {relative:R}·|expected|)"));
        }
    }

    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Equal(expected[i], actual[i], relative, absolute, $"{what}[{i}]");
        }
    }

    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Equal(expected[i], actual[i], relative, absolute, $"{what}[{i}]");
        }
    }

    public static double[] Scale(double[] values, double factor) => Array.ConvertAll(values, v => v * factor);

    public static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
}
