using System.Collections.Generic;
using System.IO;
using System.Linq;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Golden;

/// <summary>
/// The size of every golden file, pinned: the batch machinery lives in the runtime (<c>ElementLoss</c>,
/// <c>PenaltyLoss</c>, <c>KernelLoss</c>, <c>ClassIndexRowLoss</c>, <c>RowTargetLoss</c> and their engines) and a loss
/// generates its constructor, formulas and kernel, so growth of a golden file is a decision made here, not a side effect.
/// A new golden file gets the common budget without being listed.
/// </summary>
public class GoldenSizeTests
{
    /// <summary>The most characters the generated source of a golden case may have.</summary>
    private const int Budget = 10_000;

    /// <summary>
    /// The cases with a budget of their own, and why. A loss with <c>[PerElement]</c> inputs has public batch methods
    /// whose parameters carry the user's names (<c>variance</c>, <c>varianceGradient</c>), so its ten batch overloads
    /// and their docs are generated (about 15k characters) and forward to <c>KernelLoss</c>.
    /// </summary>
    private static readonly Dictionary<string, int> Budgets = new()
    {
        ["ExtraDifferentiatedInput"] = 25_000,
    };

    public static TheoryData<string> Cases() => new(Names());

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(RepositoryPaths.Golden(""), "*.g.cs.txt").Select(file => Path.GetFileName(file)[..^".g.cs.txt".Length]).Order();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Golden_file_is_within_its_size_budget(string name)
    {
        var budget = Budgets.GetValueOrDefault(name, Budget);
        var length = File.ReadAllText(RepositoryPaths.Golden(name + ".g.cs.txt")).Replace("\r\n", "\n").Length;
        Assert.True(length <= budget, $"{name}.g.cs.txt has {length} characters; its budget is {budget}.");
    }

    [Fact]
    public void Every_own_budget_names_a_golden_file()
    {
        var names = Names().ToHashSet();
        Assert.All(Budgets.Keys, name => Assert.Contains(name, names));
    }
}
