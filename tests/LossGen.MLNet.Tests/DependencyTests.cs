using System;
using System.Linq;
using Xunit;

namespace LossGen.MLNet.Tests;

/// <summary>Users of LossGen alone must not pull in ML.NET: only the bridge references it.</summary>
public class DependencyTests
{
    [Fact]
    public void Runtime_does_not_reference_MLNet()
    {
        var references = typeof(ILoss<>).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.Contains(typeof(MLNetLoss).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.ML", StringComparison.Ordinal));
    }
}
