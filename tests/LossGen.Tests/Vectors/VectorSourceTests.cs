using System.IO;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Vectors;

/// <summary>
/// The vector math is written once per width (the JIT expands code on the concrete vector type in place, which a
/// generic wrapper would not let it do); the three copies of the width-independent files must stay the same text, and
/// so must the 128- and 256-bit primitives, which differ from the 512-bit ones but not from each other.
/// </summary>
public sealed class VectorSourceTests
{
    [Theory]
    [InlineData("Math", 256)]
    [InlineData("Math", 128)]
    [InlineData("Generic", 256)]
    [InlineData("Generic", 128)]
    public void Narrower_width_file_is_the_512_bit_file_with_the_width_replaced(string part, int width)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "src", "LossGen.Runtime", "Internal", "Vectors");
        var wide = File.ReadAllText(Path.Combine(directory, $"LossVector512.{part}.cs"));
        var narrow = File.ReadAllText(Path.Combine(directory, $"LossVector{width}.{part}.cs"));
        var expected = wide.Replace("Vector512", $"Vector{width}").Replace("512-bit", $"{width}-bit");
        Assert.True(expected == narrow, $"LossVector{width}.{part}.cs has drifted from LossVector512.{part}.cs: edit the 512-bit file and copy it with the width replaced.");
    }

    [Fact]
    public void The_128_bit_primitives_are_the_256_bit_ones_with_the_width_replaced()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "src", "LossGen.Runtime", "Internal", "Vectors");
        var expected = File.ReadAllText(Path.Combine(directory, "LossVector256.cs"))
            .Replace("256", "128").Replace("8 floats or 4 doubles", "4 floats or 2 doubles");
        var narrow = File.ReadAllText(Path.Combine(directory, "LossVector128.cs"));
        Assert.True(expected == narrow, "LossVector128.cs has drifted from LossVector256.cs: edit the 256-bit file and copy it with the width replaced.");
    }
}
