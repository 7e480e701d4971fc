using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LossGen.Generator.Diagnostics;
using LossGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Generator.Widths;

/// <summary>
/// The reading step: a declaration marked <c>[WidthTemplate]</c> into a <see cref="WidthTemplate"/> value, its file's text
/// and the attributes' arguments. It runs on every compilation change, so it reads only what the attributes say and
/// leaves the rewriting to <see cref="WidthRewriter"/>, which runs only when this value changes.
/// </summary>
internal static class WidthTemplateReader
{
    private const string ReplaceProperty = "Replace";

    public static WidthTemplate Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var tree = context.TargetNode.SyntaxTree;
        var targets = new List<WidthTarget>();
        var dropped = new List<TextSpan>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var attribute in context.Attributes)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                continue;
            }

            if (syntax.Parent is not AttributeListSyntax { Attributes.Count: 1 } list)
            {
                diagnostics.Add(Problem(syntax, "write [WidthTemplate] in an attribute list of its own, which the copies leave out"));
                continue;
            }

            dropped.Add(list.Span);
            var target = ReadTarget(attribute, syntax, diagnostics);
            if (target is not null)
            {
                targets.Add(target);
            }
        }

        return new WidthTemplate(
            FileName(tree.FilePath),
            tree.GetText(cancellationToken).ToString(),
            new EquatableArray<WidthTarget>(targets),
            new EquatableArray<TextSpan>(dropped),
            new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static WidthTarget? ReadTarget(AttributeData attribute, AttributeSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        // An attribute the compiler cannot bind already has its error.
        if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments.Any(a => a.Value is not int))
        {
            return null;
        }

        var width = (int)attribute.ConstructorArguments[0].Value!;
        var target = (int)attribute.ConstructorArguments[1].Value!;
        if (width <= 0 || target <= 0 || width == target)
        {
            diagnostics.Add(Problem(syntax, $"a copy at {target} bits of a template at {width} bits: both widths must be positive, and different"));
            return null;
        }

        var replacements = new List<string>();
        foreach (var argument in attribute.NamedArguments.Where(a => a.Key == ReplaceProperty && !a.Value.IsNull))
        {
            replacements.AddRange(argument.Value.Values.Select(v => v.Value as string ?? string.Empty));
        }

        if (replacements.Count % 2 != 0 || replacements.Where((_, i) => i % 2 == 0).Any(r => r.Length == 0))
        {
            diagnostics.Add(Problem(syntax, "Replace takes pairs of the template's text, which may not be empty, and the copy's"));
            return null;
        }

        return new WidthTarget(width, target, new EquatableArray<string>(replacements));
    }

    private static DiagnosticInfo Problem(AttributeSyntax syntax, string problem) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.WidthTemplate, syntax, problem);

    private static string FileName(string path)
    {
        var name = Path.GetFileName(path.Replace('\\', '/'));
        return name.Length == 0 ? "WidthTemplate.cs" : name;
    }
}
