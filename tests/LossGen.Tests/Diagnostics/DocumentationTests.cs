using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using LossGen.Generator.Diagnostics;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>docs/diagnostics.md has a section for every diagnostic, reachable by its help link, with examples that do what they say.</summary>
public class DocumentationTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md")).Replace("\r\n", "\n");

    public static IEnumerable<DiagnosticDescriptor> Descriptors =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    public static TheoryData<string> ExampleIds()
    {
        var data = new TheoryData<string>();
        // LG0031 concerns only LossGen.Runtime's own build, whose [WidthTemplate] attribute user code cannot reach.
        foreach (var descriptor in Descriptors.Where(d => d.Id is not DiagnosticDescriptors.InternalErrorId and not DiagnosticDescriptors.WidthTemplateId))
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_has_a_section_its_help_link_reaches(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var anchor = id.ToLowerInvariant();
        Assert.EndsWith("docs/diagnostics.md#" + anchor, descriptor.HelpLinkUri);
        Assert.Contains($"<a id=\"{anchor}\"></a>\n\n## {id}: {descriptor.Title}\n", Text);
    }

    [Theory]
    [MemberData(nameof(ExampleIds))]
    public void The_wrong_example_reports_the_diagnostic_and_the_right_one_compiles_cleanly(string id)
    {
        var (wrong, right) = Examples(id);

        var wrongRun = DiagnosticAssert.RunClean(DiagnosticAssert.Usings + wrong);
        Assert.Contains(wrongRun.AllDiagnostics, d => d.Id == id);

        var rightRun = DiagnosticAssert.RunClean(DiagnosticAssert.Usings + right);
        Assert.Empty(rightRun.AllDiagnostics.Where(d => d.Id.StartsWith("LG", System.StringComparison.Ordinal)).Select(d => d.ToString()));
        Assert.Empty(DiagnosticAssert.Errors(rightRun));
    }

    private static (string Wrong, string Right) Examples(string id)
    {
        var start = Text.IndexOf($"## {id}:", System.StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {id}");
        var end = Text.IndexOf("\n## ", start + 1, System.StringComparison.Ordinal);
        var section = end < 0 ? Text.Substring(start) : Text.Substring(start, end - start);
        string Block(string label)
        {
            var match = Regex.Match(section, $@"\*\*{label}\*\*\n\n```csharp\n(.*?)```", RegexOptions.Singleline);
            Assert.True(match.Success, $"{id} has no {label} example");
            return match.Groups[1].Value;
        }

        return (Block("Wrong"), Block("Right"));
    }
}
