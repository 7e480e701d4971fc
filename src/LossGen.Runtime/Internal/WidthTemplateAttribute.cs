using System;
using System.Diagnostics;

namespace LossGen.Internal;

/// <summary>
/// Marks a declaration whose whole file is the template of the same file at a narrower vector width: at build time
/// LossGen's own generator (src/LossGen.Generator/Widths) compiles a copy of the file in which <c>Vector{Width}</c>
/// becomes <c>Vector{Target}</c> in identifiers and comments (<c>LossVector512</c> → <c>LossVector256</c>) and
/// "{Width}-bit" becomes "{Target}-bit" in comments; numbers, strings and everything else stay as written.
/// </summary>
/// <remarks>
/// The JIT needs the vector math written on the concrete <c>Vector256&lt;T&gt;</c> and <c>Vector128&lt;T&gt;</c> types
/// (docs/vector-math.md), so the narrower widths are copies, but copies made by the build rather than by hand. Never
/// emitted into metadata (<see cref="ConditionalAttribute"/>): it only matters to the generator.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("LOSSGEN_WIDTH_TEMPLATE")]
internal sealed class WidthTemplateAttribute : Attribute
{
    /// <summary>Marks the file as the template at <paramref name="width"/> bits of its copy at <paramref name="target"/> bits.</summary>
    /// <param name="width">The width the file is written at, in bits.</param>
    /// <param name="target">The width of the copy, in bits.</param>
    public WidthTemplateAttribute(int width, int target)
    {
        Width = width;
        Target = target;
    }

    /// <summary>The width the file is written at, in bits.</summary>
    public int Width { get; }

    /// <summary>The width of the copy, in bits.</summary>
    public int Target { get; }

    /// <summary>
    /// Further replacements in the comments of the copy, as pairs of the template's text and the copy's
    /// (<c>"8 floats or 4 doubles", "4 floats or 2 doubles"</c>).
    /// </summary>
    public string[]? Replace { get; set; }
}
