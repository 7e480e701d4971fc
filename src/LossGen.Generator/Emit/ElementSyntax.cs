using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// How generated code spells things in the loss's element type: <c>float</c>, <c>double</c>, or a generic-math
/// type parameter <c>T</c>, where constants become <c>T.CreateChecked(…)</c> and functions <c>T.Exp(…)</c>.
/// </summary>
internal sealed class ElementSyntax
{
    private ElementSyntax(ElementType type, string name)
    {
        Type = type;
        Name = name;
    }

    public ElementType Type { get; }

    /// <summary>The C# name of the element type.</summary>
    public string Name { get; }

    public bool IsGeneric => Type == ElementType.Generic;

    public static ElementSyntax Of(LossModel model) => model.ElementType switch
    {
        ElementType.Float => new ElementSyntax(ElementType.Float, "float"),
        ElementType.Double => new ElementSyntax(ElementType.Double, "double"),
        _ => new ElementSyntax(ElementType.Generic, model.TypeParameter!),
    };

    /// <summary>A number as an exact expression of the element type.</summary>
    public string Number(double value) => Type switch
    {
        ElementType.Float => Literals.Number(value, singlePrecision: true),
        ElementType.Double => Literals.Number(value, singlePrecision: false),
        _ => Literals.Generic(value, Name),
    };

    /// <summary>Where generated code calls a function of the rule table.</summary>
    public string Function(OpInfo function) => function.EmitHome switch
    {
        FunctionHome.LossMath => "global::LossGen.LossMath." + function.Name,
        _ when IsGeneric => Name + "." + function.Name,
        _ when function.Op == Op.Clamp || Type == ElementType.Double => "global::System.Math." + function.Name,
        _ => "global::System.MathF." + function.Name,
    };

    /// <summary>An element-type expression converted to <c>double</c>, for the compensated sums of reductions.</summary>
    public string ToDouble(string expression) => IsGeneric ? $"double.CreateTruncating({expression})" : expression;

    /// <summary>A <c>double</c> expression rounded to the element type.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="primary">Whether it binds tighter than a cast (a call), so that it needs no parentheses.</param>
    public string FromDouble(string expression, bool primary = false) => Type switch
    {
        ElementType.Double => expression,
        ElementType.Float => primary ? "(float)" + expression : $"(float)({expression})",
        _ => $"{Name}.CreateTruncating({expression})",
    };
}
