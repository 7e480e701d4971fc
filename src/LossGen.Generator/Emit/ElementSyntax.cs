using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// How generated code spells things in the loss's element type: <c>float</c>, <c>double</c>, or a generic-math
/// type parameter <c>T</c>, where constants become <c>T.CreateChecked(…)</c> and functions <c>T.Exp(…)</c>.
/// </summary>
internal sealed class ElementSyntax
{
    /// <summary>The vector widths of SIMD kernels, in bits, widest first: the order in which batch code tries them.</summary>
    public static readonly int[] Widths = { 512, 256, 128 };

    private ElementSyntax(ElementType type, string name, ElementSyntax? scalar = null, int width = 0)
    {
        Type = type;
        Name = name;
        Scalar = scalar;
        Width = width;
    }

    public ElementType Type { get; }

    /// <summary>The C# name of the element type, or of the vector type for vector code (<c>Vector512&lt;float&gt;</c>).</summary>
    public string Name { get; }

    public bool IsGeneric => Type == ElementType.Generic;

    /// <summary>For vector code, the spelling of its element type; null for scalar code.</summary>
    public ElementSyntax? Scalar { get; }

    public bool IsVector => Scalar is not null;

    /// <summary>For vector code, the width in bits; 0 for scalar code.</summary>
    public int Width { get; }

    /// <summary>For vector code, .NET's static class of the width: <c>Vector512.Create</c>, <c>Vector512.LoadUnsafe</c>.</summary>
    public string Statics => "Vector" + Width;

    /// <summary>For vector code, LossGen's operations of the width and element type: the math, lane sums, constants.</summary>
    public string Operations => $"LossVector{Width}<{Scalar!.Name}>";

    /// <summary>
    /// The spelling of vector code over this element type on <paramref name="width"/>-bit vectors: the raw vector type
    /// <c>Vector512&lt;float&gt;</c> with its operators, <c>Vector512.Create(0.5f)</c>, <c>LossVector512&lt;float&gt;.Exp(x)</c>.
    /// </summary>
    public ElementSyntax Vector(int width) => new(Type, $"Vector{width}<{Name}>", this, width);

    public static ElementSyntax Of(LossModel model) => model.ElementType switch
    {
        ElementType.Float => new ElementSyntax(ElementType.Float, "float"),
        ElementType.Double => new ElementSyntax(ElementType.Double, "double"),
        _ => new ElementSyntax(ElementType.Generic, model.TypeParameter!),
    };

    /// <summary>A number as an exact expression of the element type (for vector code, in every lane).</summary>
    public string Number(double value) => Scalar switch
    {
        { } when value == 0 && System.BitConverter.DoubleToInt64Bits(value) == 0 => Name + ".Zero",
        { } when value == 1 => Name + ".One",
        { IsGeneric: true } => $"{Operations}.Constant({Literals.Number(value, singlePrecision: false)})",
        { } scalar => $"{Statics}.Create({scalar.Number(value)})",
        _ => ScalarNumber(value),
    };

    private string ScalarNumber(double value) => Type switch
    {
        ElementType.Float => Literals.Number(value, singlePrecision: true),
        ElementType.Double => Literals.Number(value, singlePrecision: false),
        _ => Literals.Generic(value, Name),
    };

    /// <summary>
    /// Where generated code calls a function of the rule table; for vector code also the calls that stand for
    /// comparisons and <c>?:</c> (<c>Vector512.LessThan</c>, <c>Vector512.ConditionalSelect</c>), which have no operator
    /// there. .NET's vector methods serve where their semantics are the scalar ones (Max and Min propagate NaN), LossGen's
    /// the rest.
    /// </summary>
    public string Function(OpInfo function) => IsVector ? VectorFunction(function.Op) : function.EmitHome switch
    {
        FunctionHome.LossMath => "LossMath." + function.Name,
        _ when IsGeneric => Name + "." + function.Name,
        _ when function.Op == Op.Clamp || Type == ElementType.Double => "global::System.Math." + function.Name,
        _ => "global::System.MathF." + function.Name,
    };

    /// <summary>
    /// Whether vector code spells <paramref name="op"/> as a call rather than an operator: <c>?:</c> and the comparisons;
    /// the logic of masks is <c>&amp;</c>, <c>|</c> and <c>~</c>.
    /// </summary>
    public bool IsCall(Op op) => IsVector && (op == Op.Conditional || (OpInfo.Of(op).IsBoolean && op is not (Op.And or Op.Or or Op.Not)));

    private string VectorFunction(Op op) => op switch
    {
        Op.Conditional => Statics + ".ConditionalSelect",
        Op.Less => Statics + ".LessThan",
        Op.LessOrEqual => Statics + ".LessThanOrEqual",
        Op.Greater => Statics + ".GreaterThan",
        Op.GreaterOrEqual => Statics + ".GreaterThanOrEqual",
        Op.Equal => Statics + ".Equals",
        Op.NotEqual => Operations + ".NotEqual",
        Op.Abs or Op.Max or Op.Min or Op.Sqrt => Statics + "." + OpInfo.Of(op).Name,
        _ => Operations + "." + OpInfo.Of(op).Name,
    };

    /// <summary>An element-type expression converted to <c>double</c>, for the compensated sums of reductions.</summary>
    public string ToDouble(string expression) => IsGeneric ? $"double.CreateTruncating({expression})" : expression;

    /// <summary>A <c>double</c> expression rounded to the element type.</summary>
    public string FromDouble(string expression) => Type switch
    {
        ElementType.Double => expression,
        ElementType.Float => $"(float)({expression})",
        _ => $"{Name}.CreateTruncating({expression})",
    };
}
