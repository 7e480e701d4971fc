using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LossGen.Generator;
using LossGen.Generator.Model;
using LossGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LossGen.Tests.Generator;

public class IncrementalTests
{
    private const string Losses = """
        using LossGen;

        public static partial class MyLosses
        {
            [Loss]
            public static partial double Cauchy(double prediction, double target, [Positive] double scale = 2.0)
            {
                var r = (prediction - target) / scale;
                return LossMath.Log1p(r * r);
            }

            [Loss]
            public static partial float Bad(float prediction, float target) => prediction * 2.0;
        }
        """;

    private static readonly string[] TrackedSteps =
        [LossGenerator.Steps.Read, LossGenerator.Steps.Models, LossGenerator.Steps.Generated, LossGenerator.Steps.Diagnostics];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.Compile(Losses, "public static class Other { public static int X => 1; }");
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        var other = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(
            other,
            CSharpSyntaxTree.ParseText("public static class Other { public static int X => 2; }", GeneratorHarness.ParseOptions, other.FilePath));

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{step} was {o.Reason}"));
        }
    }

    [Fact]
    public void Editing_a_loss_body_regenerates_only_that_loss()
    {
        var compilation = GeneratorHarness.Compile(Losses);
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(
            tree,
            CSharpSyntaxTree.ParseText(Losses.Replace("r * r", "r * r * r"), GeneratorHarness.ParseOptions, tree.FilePath));

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        var models = second.TrackedSteps[LossGenerator.Steps.Models].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, models);
        Assert.Contains(models, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        var generated = second.TrackedSteps[LossGenerator.Steps.Generated].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, generated.Count(r => r == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void Moving_a_loss_within_its_file_reuses_its_generated_source_and_moves_its_diagnostic()
    {
        const string Constant = """
            using LossGen;

            public static partial class MyLosses
            {
                [Loss]
                public static partial double Flat(double prediction, double target) => target * target;
            }
            """;
        var compilation = GeneratorHarness.Compile(Losses, Constant);
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        var tree = compilation.SyntaxTrees.Last();
        var moved = "// A comment above the loss moves it.\n" + Constant;
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(moved, GeneratorHarness.ParseOptions, tree.FilePath));

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { LossGenerator.Steps.Models, LossGenerator.Steps.Generated })
        {
            Assert.All(second.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }

        // LG0017, found by the emitting step, is reported at the moved name.
        var diagnostic = Assert.Single(second.Diagnostics);
        Assert.Equal("LG0017", diagnostic.Id);
        Assert.Same(edited.SyntaxTrees.Last(), diagnostic.Location.SourceTree);
        Assert.Equal(moved.IndexOf("Flat", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_nodes_compilations_or_locations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(Diagnostic) };
        foreach (var type in Reachable(typeof(LossReadResult)))
        {
            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type));
        }
    }

    private static IEnumerable<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type) || type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
            {
                continue;
            }

            foreach (var next in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
                         .Concat(type.IsGenericType ? type.GetGenericArguments() : []))
            {
                queue.Enqueue(Nullable.GetUnderlyingType(next) ?? next);
            }
        }

        return seen;
    }
}
