using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// How generated code spells things in the loss's element type: <c>float</c>, <c>double</c>, or a generic-math
/// type parameter <c>T</c>, where constants become <c>T.CreateChecked(…)</c> and functions <c>T.Exp(…)</c>.
/// </summary>
internal sealed class ElementSyntax
{
    /// <summary>The type parameter of vector kernels: <c>TVector : ILossVector&lt;TVector, T&gt;</c>.</summary>
    public const string VectorName = "TVector";

    private ElementSyntax(ElementType type, string name, ElementSyntax? scalar = null)
    {
        Type = type;
        Name = name;
        Scalar = scalar;
    }

    public ElementType Type { get; }

    /// <summary>The C# name of the element type, or <see cref="VectorName"/> for vector code.</summary>
    public string Name { get; }

    public bool IsGeneric => Type == ElementType.Generic;

    /// <summary>For vector code, the spelling of its element type; null for scalar code.</summary>
    public ElementSyntax? Scalar { get; }

    public bool IsVector => Scalar is not null;

    /// <summary>The type of a condition: <c>bool</c>, or a lane mask of the vector type.</summary>
    public string BooleanName => IsVector ? Name : "bool";

    /// <summary>The spelling of vector code over this element type: <c>TVector</c>, <c>TVector.Create(0.5)</c>, <c>TVector.Exp(x)</c>.</summary>
    public ElementSyntax Vector() => new(Type, VectorName, this);

    public static ElementSyntax Of(LossModel model) => model.ElementType switch
    {
        ElementType.Float => new ElementSyntax(ElementType.Float, "float"),
        ElementType.Double => new ElementSyntax(ElementType.Double, "double"),
        _ => new ElementSyntax(ElementType.Generic, model.TypeParameter!),
    };

    /// <summary>A number as an exact expression of the element type.</summary>
    public string Number(double value) => Scalar switch
    {
        { } when value == 0 && System.BitConverter.DoubleToInt64Bits(value) == 0 => Name + ".Zero",
        { } when value == 1 => Name + ".One",
        { } scalar => $"{Name}.Create({scalar.Number(value)})",
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
    /// comparisons, logic and <c>?:</c> (<c>TVector.LessThan</c>, <c>TVector.Select</c>), which have no operator there.
    /// </summary>
    public string Function(OpInfo function) => IsVector ? Name + "." + VectorFunction(function.Op) : function.EmitHome switch
    {
        FunctionHome.LossMath => "global::LossGen.LossMath." + function.Name,
        _ when IsGeneric => Name + "." + function.Name,
        _ when function.Op == Op.Clamp || Type == ElementType.Double => "global::System.Math." + function.Name,
        _ => "global::System.MathF." + function.Name,
    };

    /// <summary>Whether vector code spells <paramref name="op"/> as a call rather than an operator.</summary>
    public bool IsCall(Op op) => IsVector && (op == Op.Conditional || OpInfo.Of(op).IsBoolean);

    private static string VectorFunction(Op op) => op switch
    {
        Op.Conditional => "Select",
        Op.Less => "LessThan",
        Op.LessOrEqual => "LessThanOrEqual",
        Op.Greater => "GreaterThan",
        Op.GreaterOrEqual => "GreaterThanOrEqual",
        Op.Equal => "Equal",
        Op.NotEqual => "NotEqual",
        Op.And => "And",
        Op.Or => "Or",
        Op.Not => "Not",
        _ => OpInfo.Of(op).Name,
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
