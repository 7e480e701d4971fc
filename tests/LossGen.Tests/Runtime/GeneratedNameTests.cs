using System;
using System.Reflection;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// User parameter names that the generated scalar methods also use. Compiled while the tests run (see
/// <see cref="TestTimeCompiler"/>), since a loss that does not compile would break the test project's build.
/// </summary>
public class GeneratedNameTests
{
    private const string Template = """
        using System;
        using LossGen;

        namespace LossGen.Tests.Runtime.Dynamic;

        public static partial class Names
        {
            [Loss]
            public static partial double Scaled(double p, double y, [PerElement(Differentiable = DIFFERENTIABLE)] double derivative) =>
                (p - y) * (p - y) * derivative * derivative;
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Per_element_input_named_derivative_compiles_and_gives_its_derivatives(bool differentiable)
    {
        var source = Template.Replace("DIFFERENTIABLE", differentiable ? "true" : "false", StringComparison.Ordinal);
        var loss = TestTimeCompiler.Create(source, "Names+ScaledLoss");
        var type = loss.GetType();
        double Call(string method) => (double)type.GetMethod(method, BindingFlags.Public | BindingFlags.Instance, [typeof(double), typeof(double), typeof(double)])!
            .Invoke(loss, [3.0, 1.0, 1.5])!;

        Assert.Equal(4 * 2.25, Call("Value"));
        Assert.Equal(2 * 2 * 2.25, Call("Derivative"));
        if (differentiable)
        {
            Assert.Equal(4 * 2 * 1.5, Call("DerivativeDerivative"));
        }
    }
}
