using System;
using System.IO;
using System.Linq;
using System.Reflection;
using LossGen.Tests.Infrastructure;
using Xunit;

namespace LossGen.Tests.Docs;

/// <summary>
/// docs/losses.md shows each built-in loss's formula and derivative exactly as the generator derived them, so the
/// documentation cannot drift from the code: a change to a loss or to the simplifier fails here until the docs follow.
/// </summary>
public class LossCatalogueDocsTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "losses.md")).Replace("\r\n", "\n");

    private static readonly string[] All = typeof(Losses).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.GetCustomAttribute<LossAttribute>() is not null)
        .Select(m => m.Name)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The row-wise losses: their first parameter is a row of logits.</summary>
    private static readonly string[] RowNames = All.Where(n => typeof(Losses).GetMethod(n)!.GetParameters()[0].ParameterType.IsByRefLike).ToArray();

    private static readonly string[] Names = All.Except(RowNames).ToArray();

    public static TheoryData<string> BuiltInLosses() => new(Names);

    public static TheoryData<string> RowLosses() => new(RowNames);

    [Fact]
    public void Catalogue_has_the_losses_the_issue_names()
    {
        Assert.Equal(
            new[]
            {
                "BinaryCrossEntropy", "BinaryCrossEntropyWithLogits", "Focal", "GaussianNll", "Hinge", "Huber", "L1Penalty", "L2Penalty",
                "LogCosh", "MeanAbsoluteError", "MeanSquaredError", "PoissonNll", "Quantile", "SmoothL1", "SoftMargin", "SquaredHinge",
            },
            Names);
    }

    [Fact]
    public void Catalogue_has_the_row_wise_losses_the_issue_names()
    {
        Assert.Equal(new[] { "CategoricalFocal", "KLDivergence", "MultiClassHinge", "SoftTargetCrossEntropy", "SoftmaxCrossEntropy" }, RowNames);
    }

    [Theory]
    [MemberData(nameof(RowLosses))]
    public void Docs_show_the_generated_formula_of_each_row_wise_loss(string name)
    {
        var block = $"```text\nℓ = {Constant(typeof(Losses).GetNestedType(name + "Loss`1")!, "Formula")}\n```\n";
        var section = Section(name);
        Assert.True(section.Contains(block, StringComparison.Ordinal), $"docs/losses.md, section '{name}', should contain:\n{block}");
    }

    [Theory]
    [MemberData(nameof(RowLosses))]
    public void Docs_row_table_links_every_row_wise_loss_to_its_section(string name) =>
        Assert.Contains($"| [{name}](#{name.ToLowerInvariant()}) | `{name}Loss<T>` |", Text);

    [Theory]
    [MemberData(nameof(BuiltInLosses))]
    public void Docs_show_the_generated_formula_and_derivatives(string name)
    {
        var method = typeof(Losses).GetMethod(name)!;
        var type = typeof(Losses).GetNestedType(name + "Loss`1")!;
        var parameters = method.GetParameters();
        var lines = new[] { $"ℓ = {Constant(type, "Formula")}", $"∂ℓ/∂{parameters[0].Name} = {Constant(type, "DerivativeFormula")}" }
            .Concat(parameters.Skip(1)
                .Where(p => p.GetCustomAttribute<PerElementAttribute>() is { Differentiable: true })
                .Select(p => $"∂ℓ/∂{p.Name} = {Constant(type, char.ToUpperInvariant(p.Name![0]) + p.Name[1..] + "DerivativeFormula")}"));
        var block = "```text\n" + string.Join("\n", lines) + "\n```\n";

        var section = Section(name);
        Assert.True(section.Contains(block, StringComparison.Ordinal), $"docs/losses.md, section '{name}', should contain:\n{block}");
    }

    [Theory]
    [MemberData(nameof(BuiltInLosses))]
    [MemberData(nameof(RowLosses))]
    public void Docs_and_readme_show_every_loss_picture_and_the_picture_exists(string name)
    {
        var picture = System.Text.RegularExpressions.Regex.Match(Section(name), $@"!\[{name}[^\]]*\]\(images/([a-z0-9-]+\.png)\)");
        Assert.True(picture.Success, $"docs/losses.md, section '{name}', shows no picture (samples/LossPlots draws them)");
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "docs", "images", picture.Groups[1].Value)), $"docs/images/{picture.Groups[1].Value} is missing");

        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains($"<img src=\"docs/images/{picture.Groups[1].Value}\"", readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BuiltInLosses))]
    public void Docs_table_links_every_loss_to_its_section(string name) =>
        Assert.Contains($"| [{name}](#{name.ToLowerInvariant()}) | `{name}Loss<T>` |", Text);

    [Theory]
    [MemberData(nameof(BuiltInLosses))]
    public void Docs_table_shows_the_label_kind_the_loss_declares(string name)
    {
        var labels = typeof(Losses).GetNestedType(name + "Loss`1")!.MakeGenericType(typeof(double)).GetField("Labels");
        var cell = labels is null ? "(no target)" : $"`{labels.GetRawConstantValue() switch { int kind => (LossLabels)kind, var other => other }}`";
        var row = Text.Split('\n').Single(line => line.StartsWith($"| [{name}](", StringComparison.Ordinal));
        Assert.Equal(cell, row.Split('|')[4].Trim());
    }

    private static string Constant(Type type, string field) => (string)type.GetField(field)!.GetRawConstantValue()!;

    private static string Section(string name)
    {
        var start = Text.IndexOf($"\n## {name}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/losses.md has no section '## {name}'");
        var end = Text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Text[start..] : Text[start..end];
    }
}
