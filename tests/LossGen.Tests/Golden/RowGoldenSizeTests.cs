using System.IO;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Golden;

/// <summary>
/// The size of the generated source of a row loss, pinned: the batch machinery lives in the runtime
/// (<c>ClassIndexRowLoss</c>, <c>RowTargetLoss</c>, <c>RowPass</c>) and a row loss generates only its kernel, so growth
/// of the golden file is a decision made here, not a side effect.
/// </summary>
public class RowGoldenSizeTests
{
    /// <summary>The most characters the generated source of a row golden case may have.</summary>
    private const int Budget = 10_000;

    [Theory]
    [InlineData("RowCrossEntropy")]
    public void Row_golden_file_is_within_its_size_budget(string name)
    {
        var length = File.ReadAllText(RepositoryPaths.Golden(name + ".g.cs.txt")).Replace("\r\n", "\n").Length;
        Assert.True(length <= Budget, $"{name}.g.cs.txt has {length} characters; the budget of a row loss's generated source is {Budget}.");
    }
}
