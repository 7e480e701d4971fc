using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LossGen.Tests.Diagnostics;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Tests.Docs;

/// <summary>The README's example compiles as a program, its generated-code snippet is what LossGen generates, and what it links exists.</summary>
public class ReadmeTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n");

    [Fact]
    public void The_ten_line_example_compiles_as_a_program_without_a_diagnostic()
    {
        var compilation = GeneratorHarness.Compile(ExampleProgram());
        var run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.ConsoleApplication)));

        DiagnosticAssert.AssertNoGeneratorCrash(run);
        // The example's own MyLosses and Cauchy have no XML comments; the generated CauchyLoss must miss none.
        var diagnostics = run.AllDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Info && !(d.Id == "CS1591" && !d.GetMessage().Contains("CauchyLoss", StringComparison.Ordinal)))
            .Select(d => d.ToString()).ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Fact]
    public void The_generated_code_snippet_is_what_LossGen_generates_for_the_example()
    {
        var run = DiagnosticAssert.RunClean(ExampleProgram());
        var generated = Unindent(run.GeneratedSource("MyLosses.Cauchy.g.cs"));
        var shown = Regex.Match(Section("## Ten lines"), @"What LossGen generates for `Cauchy`(.*?)`dotnet run", RegexOptions.Singleline).Groups[1].Value;
        var snippets = Regex.Matches(shown, @"```csharp\n(.*?)```", RegexOptions.Singleline);

        Assert.True(snippets.Count > 0, "the README shows no generated code after the example");
        Assert.All(snippets, snippet => Assert.Contains(Unindent(snippet.Groups[1].Value), generated, StringComparison.Ordinal));
    }

    [Fact]
    public void The_install_section_names_the_version_the_packages_are_built_with()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        var version = Regex.Match(props, "<VersionPrefix>(.*?)</VersionPrefix>").Groups[1].Value;

        Assert.Contains($"<PackageReference Include=\"LossGen\" Version=\"{version}\" />", Section("## Install"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_local_link_and_image_exists()
    {
        var targets = Regex.Matches(Text, @"\]\(([^)#\s]+)(#[^)]*)?\)").Select(m => m.Groups[1].Value)
            .Where(t => !t.StartsWith("http", StringComparison.Ordinal)).Distinct().ToList();

        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.True(
            File.Exists(Path.Combine(RepositoryPaths.Root, t)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, t)), $"README links to {t}, which does not exist"));
    }

    private static string ExampleProgram()
    {
        var block = Regex.Match(Section("## Ten lines"), @"```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "the README has no example under 'Ten lines'");
        return block.Groups[1].Value;
    }

    private static string Section(string heading)
    {
        var start = Text.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the README has no '{heading}' section");
        var end = Text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Text[start..] : Text[start..end];
    }

    private static string Unindent(string code) =>
        string.Join("\n", code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
}
