using System;
using System.Linq;
using System.Reflection;
using LossGen.Internal;
using Xunit;

namespace LossGen.Tests.Vectors;

/// <summary>
/// The 256- and 128-bit vector math is compiled from the 512-bit files by the width generator during the runtime's
/// build; the runtime must hold it, with every public function of the 512-bit math at each width.
/// </summary>
public sealed class VectorWidthAssemblyTests
{
    private static readonly Assembly Runtime = typeof(LossVector512).Assembly;

    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void The_runtime_holds_each_narrower_width_with_the_public_functions_of_the_512_bit_math(int width)
    {
        foreach (var wide in new[] { typeof(LossVector512), typeof(LossVector512<>) })
        {
            var narrowName = wide.FullName!.Replace("LossVector512", $"LossVector{width}", StringComparison.Ordinal);
            var narrow = Runtime.GetType(narrowName);
            Assert.True(narrow is not null, $"the runtime has no {narrowName}");

            var expected = PublicStaticMethods(wide).Select(m => m.Replace("Vector512", $"Vector{width}", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, PublicStaticMethods(narrow));
        }
    }

    [Fact]
    public void The_template_attribute_stays_out_of_the_runtime_s_metadata()
    {
        foreach (var type in new[] { typeof(LossVector512), typeof(LossVector512<>), typeof(LossVector256) })
        {
            Assert.DoesNotContain(type.GetCustomAttributesData(), a => a.AttributeType.Name == "WidthTemplateAttribute");
        }
    }

    private static string[] PublicStaticMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Select(m => $"{m.ReturnType} {m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType))})")
            .Order(StringComparer.Ordinal)
            .ToArray();
}
