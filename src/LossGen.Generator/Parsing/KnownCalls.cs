using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Symbolic;
using Microsoft.CodeAnalysis;

namespace LossGen.Generator.Parsing;

/// <summary>
/// What a call or a generic-math member in a loss body means: which supported function (<see cref="OpInfo"/>) a static
/// call binds to, and which constants <c>T.One</c> and friends are. The body reader and the stability analyzer both
/// read bodies through these, so they agree on what <c>Math.Log</c>, <c>MathF.Log</c>, <c>T.Log</c> and
/// <c>LossMath.Log1p</c> are.
/// </summary>
internal static class KnownCalls
{
    public const string LossMathType = "LossGen.LossMath";
    public const string LossAttributeType = "LossGen.LossAttribute";
    public const string DifferentiableAttributeType = "LossGen.DifferentiableAttribute";
    public const string PositiveAttributeType = "LossGen.PositiveAttribute";
    public const string RangeAttributeType = "LossGen.RangeAttribute";
    public const string PerElementAttributeType = "LossGen.PerElementAttribute";
    public const string ClassWeightsAttributeType = "LossGen.ClassWeightsAttribute";

    public static FunctionHome HomeOf(INamedTypeSymbol? type) => type?.ToDisplayString() switch
    {
        "System.Math" or "System.MathF" or "double" or "float" => FunctionHome.Math,
        LossMathType => FunctionHome.LossMath,
        _ when IsGenericMath(type) => FunctionHome.Math,
        _ => FunctionHome.None,
    };

    /// <summary>The supported function <paramref name="method"/> is, or null when it is none of them.</summary>
    public static OpInfo? Function(IMethodSymbol method)
    {
        var home = HomeOf(method.ContainingType);
        if (home == FunctionHome.None || !method.IsStatic)
        {
            return null;
        }

        return OpInfo.Functions(home).Concat(home == FunctionHome.LossMath ? OpInfo.Functions(FunctionHome.Math) : Enumerable.Empty<OpInfo>())
            .FirstOrDefault(f => f.Name == method.Name && f.Arity == method.Parameters.Length && method.Parameters.All(p => IsElementLike(p.Type)) &&
                                 (!IsGenericMath(method.ContainingType) || IsElementLike(method.ReturnType)));
    }

    /// <summary>A generic-math interface of System.Numerics, where <c>T.Exp</c>, <c>T.One</c> and T's operators live.</summary>
    public static bool IsGenericMath(INamedTypeSymbol? type) =>
        type is { TypeKind: TypeKind.Interface } && type.ContainingNamespace?.ToDisplayString() == "System.Numerics";

    /// <summary>C#'s own operators, or the generic-math operators a type parameter's arithmetic binds to.</summary>
    public static bool IsBuiltInOperator(IMethodSymbol? method) => method is null || IsGenericMath(method.ContainingType);

    /// <summary><c>T.CreateChecked(x)</c> and its kin: how generic math writes a constant or converts a value.</summary>
    public static bool IsConversion(IMethodSymbol method) =>
        HomeOf(method.ContainingType) != FunctionHome.None && method.IsStatic && method.Parameters.Length == 1 &&
        method.Name is "CreateChecked" or "CreateSaturating" or "CreateTruncating";

    /// <summary>The value of a generic-math constant property such as <c>T.One</c>; null for one that depends on T (<c>T.Epsilon</c>).</summary>
    public static double? GenericConstant(IPropertySymbol property) => !property.IsStatic || !IsGenericMath(property.ContainingType) ? null : property.Name switch
    {
        "Zero" => 0,
        "One" => 1,
        "NegativeOne" => -1,
        "Pi" => System.Math.PI,
        "E" => System.Math.E,
        "Tau" => 2 * System.Math.PI,
        "PositiveInfinity" => double.PositiveInfinity,
        "NegativeInfinity" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => null,
    };

    public static bool IsFloating(ITypeSymbol type) => type.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

    /// <summary>float, double, or a type parameter (a generic loss's T, or a generic helper's).</summary>
    public static bool IsElementLike(ITypeSymbol type) => IsFloating(type) || type.TypeKind == TypeKind.TypeParameter;

    public static bool IsInteger(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_SByte
            or SpecialType.System_Byte or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16;

    public static bool IsNumeric(ITypeSymbol? type) => type is not null && (IsFloating(type) || IsInteger(type));

    /// <summary>Whether <paramref name="method"/> (either part of a partial method) carries <c>[Loss]</c> or <c>[Differentiable]</c>.</summary>
    public static bool IsInlinable(IMethodSymbol method) => HasAttribute(method, LossAttributeType) || HasAttribute(method, DifferentiableAttributeType);

    /// <summary>
    /// The attributes of <paramref name="parameter"/> on both declarations of a partial method: the user writes them on
    /// the implementation, and the symbol at hand may be either part's.
    /// </summary>
    public static IEnumerable<AttributeData> ParameterAttributes(IParameterSymbol parameter)
    {
        var attributes = parameter.GetAttributes().AsEnumerable();
        if (parameter.ContainingSymbol is IMethodSymbol method && (method.PartialImplementationPart ?? method.PartialDefinitionPart) is { } other &&
            parameter.Ordinal < other.Parameters.Length)
        {
            attributes = attributes.Concat(other.Parameters[parameter.Ordinal].GetAttributes());
        }

        return attributes;
    }

    /// <summary>Whether two symbols are one method, counting both declarations of a partial method as one.</summary>
    public static bool SameMethod(ISymbol? a, IMethodSymbol b) =>
        a is IMethodSymbol method && (SymbolEqualityComparer.Default.Equals(method, b) ||
                                      SymbolEqualityComparer.Default.Equals(method.PartialDefinitionPart, b) ||
                                      SymbolEqualityComparer.Default.Equals(method.PartialImplementationPart, b));

    public static bool HasAttribute(IMethodSymbol method, string attributeType) =>
        method.OriginalDefinition.GetAttributes().Concat((method.OriginalDefinition.PartialImplementationPart ?? method.OriginalDefinition).GetAttributes())
            .Any(a => a.AttributeClass?.ToDisplayString() == attributeType);
}
