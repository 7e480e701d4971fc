using LossGen.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Generator.Widths;

/// <summary>
/// A file marked as a width template, as the reading step leaves it: equal to the last one, so the copies are
/// skipped, while the file's text and its <c>[WidthTemplate]</c> attributes are unchanged.
/// </summary>
/// <param name="FileName">The template's file name, which names the copies.</param>
/// <param name="Text">The whole file.</param>
/// <param name="Targets">One copy each.</param>
/// <param name="Dropped">The <c>[WidthTemplate]</c> attribute lists, which the copies leave out.</param>
/// <param name="Diagnostics">Attributes that ask for no sensible copy.</param>
internal sealed record WidthTemplate(
    string FileName,
    string Text,
    EquatableArray<WidthTarget> Targets,
    EquatableArray<TextSpan> Dropped,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A copy of a template at <paramref name="Target"/> bits, the template being written at <paramref name="Width"/>.</summary>
/// <param name="Width">The template's width in bits.</param>
/// <param name="Target">The copy's width in bits.</param>
/// <param name="Replacements">Further replacements in comments, as pairs of the template's text and the copy's.</param>
internal sealed record WidthTarget(int Width, int Target, EquatableArray<string> Replacements);

/// <summary>One generated copy, or why there is none.</summary>
/// <param name="HintName">The copy's name among the generated sources.</param>
/// <param name="TemplateFile">The template's file name.</param>
/// <param name="Target">The copy's width in bits.</param>
/// <param name="Source">The copy, unless it failed.</param>
/// <param name="Error">What failed, if it did.</param>
internal sealed record WidthCopy(string HintName, string TemplateFile, int Target, string? Source, string? Error);
