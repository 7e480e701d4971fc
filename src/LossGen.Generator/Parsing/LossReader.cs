using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using LossGen.Generator.Diagnostics;
using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Generator.Parsing;

/// <summary>
/// The first phase: turns one <c>[Loss]</c> method into a <see cref="LossModel"/> value, checking its shape and
/// reading its body. Problems become <see cref="DiagnosticInfo"/>s; nothing here throws on user code.
/// </summary>
internal static class LossReader
{
    private const string DefaultAttributeType = "LossGen.DefaultAttribute";
    private const int MaxPerElementInputs = 3;
    private const string GenericMathInterface = "System.Numerics.IFloatingPointIeee754<TSelf>";

    /// <summary>Members of every generated loss type; a hyperparameter property may not take these names.</summary>
    private static readonly HashSet<string> GeneratedMembers = new(StringComparer.Ordinal)
    {
        "Value", "Values", "Derivative", "Gradient", "ValueAndGradient", "Formula", "DerivativeFormula", "Labels",
        "SecondDerivative", "SecondDerivativeFormula", "GradientAndHessian", "MaxDegreeOfParallelism", "Kernel", "Names",
        "ValueOf", "GradientOf", "SecondDerivativeOf", "RunValues", "RunValue", "RunGradient", "RunGradientAndHessian",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
    };

    /// <summary>Members of a generated row-wise loss type beyond <see cref="GeneratedMembers"/>.</summary>
    private static readonly HashSet<string> GeneratedRowMembers = new(StringComparer.Ordinal) { "IgnoreIndex", "ClassWeights" };

    /// <summary>Parameter and local names of the generated row-wise batch methods; a row-wise loss's prediction and target may not take these names.</summary>
    private static readonly HashSet<string> GeneratedRowParameters = new(StringComparer.Ordinal)
    {
        "classes", "destination", "gradient", "reduction", "weight", "rows", "output", "scale", "sum", "n", "y", "row", "gradientRow", "loss", "denominator",
    };


    /// <summary>Parameter and local names of the generated batch methods; a per-element input may not take these names.</summary>
    private static readonly HashSet<string> GeneratedParameters = new(StringComparer.Ordinal)
    {
        "prediction", "target", "weight", "gradient", "hessian", "destination", "reduction",
    };

    public static LossReadResult Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        LossModel? model = null;
        try
        {
            model = ReadSignature(context.SemanticModel, method, syntax, context.Attributes[0], diagnostics, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), method.Name, exception.Message));
        }

        var constantLoss = model?.Body is null ? null : DiagnosticInfo.Create(DiagnosticDescriptors.ZeroDerivative, syntax.Identifier.GetLocation(), method.Name);
        return new LossReadResult(model, new EquatableArray<DiagnosticInfo>(diagnostics), constantLoss);
    }

    private static LossModel? ReadSignature(
        SemanticModel semanticModel, IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var identifier = syntax.Identifier.GetLocation();
        var hasBody = syntax.Body is not null || syntax.ExpressionBody is not null;
        if (!method.IsStatic || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || !hasBody)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodMustBeStaticPartial, identifier, method.Name));
            return null;
        }

        // A signature C# rejects (half-typed code): C# reports it in the user's method; copied into the defining
        // declaration it would be an error in generated code too, so nothing is generated.
        if (!IsWellFormedSignature(method, syntax))
        {
            return null;
        }

        var containingTypes = new List<ContainingType>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var declaration = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeMustBePartial, (declaration?.Identifier ?? syntax.Identifier).GetLocation(), type.Name, method.Name));
                return null;
            }

            containingTypes.Insert(0, new ContainingType(Keyword(declaration), declaration.Identifier.Text + declaration.TypeParameterList));
        }

        var elementType = method.ReturnType.SpecialType switch
        {
            SpecialType.System_Single => ElementType.Float,
            SpecialType.System_Double => ElementType.Double,
            _ => ElementType.Generic,
        };
        var shape = RowShape(method, diagnostics);
        if (shape is null)
        {
            return null;
        }

        string? methodConstraints = null;
        if (method.IsGenericMethod || elementType == ElementType.Generic)
        {
            if (method.TypeParameters.Length != 1 || !SymbolEqualityComparer.Default.Equals(method.ReturnType, method.TypeParameters[0]) ||
                !IsGenericFloatingPoint(method.TypeParameters[0]))
            {
                diagnostics.Add(method.IsGenericMethod
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedGenericLoss, identifier, method.Name)
                    : DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedElementType, syntax.ReturnType, method.ReturnType.ToDisplayString()));
                return null;
            }

            methodConstraints = Constraints(method.TypeParameters[0]);
        }

        var hasTarget = attribute.NamedArguments.FirstOrDefault(a => a.Key == "HasTarget").Value.Value as bool? ?? true;
        if (shape != LossShape.Element && !hasTarget)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowLoss, identifier, "A row-wise loss has a target: remove HasTarget = false"));
            return null;
        }

        var required = hasTarget ? 2 : 1;
        if (method.Parameters.Length < required)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingParameters, identifier, method.Name));
            return null;
        }

        // An enum argument arrives as its underlying int; a value outside the enum is kept and emitted as a cast.
        var labels = (LabelKind)(attribute.NamedArguments.FirstOrDefault(a => a.Key == "Labels").Value.Value as int? ?? 0);
        var typeName = attribute.NamedArguments.FirstOrDefault(a => a.Key == "TypeName").Value.Value as string ?? method.Name + "Loss";
        var parameters = ReadParameters(method, syntax, hasTarget, typeName, elementType, shape.Value, diagnostics);
        if (parameters is null)
        {
            return null;
        }

        var generatesType = CheckTypeName(method, typeName, attribute, identifier, diagnostics) && CheckShortNames(method, identifier, diagnostics);

        // The body as written: simplifying and differentiating it are later steps, skipped while this stays equal.
        var pool = ExprPool.Recording(elementType == ElementType.Float);
        FlatExpression? body = null;
        // One semantic model, the transform's own, for the checks and the reading: its bound body is reused.
        if (!HasCompilerErrors(semanticModel, syntax, cancellationToken))
        {
            var (expression, bodyDiagnostics) = BodyReader.Read(semanticModel, pool, method, syntax, cancellationToken, shape.Value);
            diagnostics.AddRange(bodyDiagnostics);
            if (expression is not null)
            {
                body = FlatExpression.From(expression);
            }
        }

        return new LossModel(
            method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
            new EquatableArray<ContainingType>(containingTypes),
            method.Name,
            string.Join(" ", syntax.Modifiers.Select(m => m.Text)),
            typeName,
            HintName(method),
            elementType,
            elementType == ElementType.Generic ? method.TypeParameters[0].Name : null,
            methodConstraints,
            hasTarget,
            labels,
            new EquatableArray<LossParameter>(parameters),
            generatesType,
            body,
            shape.Value);
    }

    /// <summary>
    /// The shape of one sample: a row-wise loss's first parameter is a <c>ReadOnlySpan&lt;T&gt;</c>, its target an int or
    /// a span; null (with a diagnostic) for a row whose target is neither.
    /// </summary>
    private static LossShape? RowShape(IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        if (method.Parameters.Length == 0 || !IsSpanOf(method.Parameters[0].Type, method.ReturnType))
        {
            return LossShape.Element;
        }

        if (method.Parameters.Length < 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowLoss, method.Locations[0], $"'{method.Name}' has no target"));
            return null;
        }

        var target = method.Parameters[1];
        if (target.Type.SpecialType == SpecialType.System_Int32)
        {
            return LossShape.ClassIndexRow;
        }

        if (IsSpanOf(target.Type, method.ReturnType))
        {
            return LossShape.TargetRow;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowLoss, target.Locations[0], $"The target '{target.Name}' is a {target.Type.ToDisplayString()}"));
        return null;
    }

    private static bool IsSpanOf(ITypeSymbol type, ITypeSymbol element) =>
        type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() == "System.ReadOnlySpan<T>" &&
        SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], element);

    private static List<LossParameter>? ReadParameters(
        IMethodSymbol method, MethodDeclarationSyntax syntax, bool hasTarget, string typeName, ElementType elementType, LossShape shape, List<DiagnosticInfo> diagnostics)
    {
        var rows = shape != LossShape.Element;
        var parameters = new List<LossParameter>();
        var properties = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        foreach (var parameter in method.Parameters)
        {
            var parameterSyntax = syntax.ParameterList.Parameters[parameter.Ordinal];
            if (parameter.Name.Length == 0)
            {
                // A parameter without a name is a syntax error C# reports.
                valid = false;
                continue;
            }

            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                var modifier = parameter.IsParams ? "params" : parameterSyntax.Modifiers.FirstOrDefault().Text;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterModifier, parameterSyntax, parameter.Name, modifier));
                valid = false;
                continue;
            }

            var classWeights = Attribute(parameter, KnownCalls.ClassWeightsAttributeType) is not null;
            var rowProblem = rows ? RowParameterProblem(parameter, method, shape, classWeights) : null;
            if (rowProblem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowLoss, parameterSyntax, rowProblem));
                valid = false;
                continue;
            }

            if (!rows && !SymbolEqualityComparer.Default.Equals(parameter.Type, method.ReturnType))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedElementType, parameterSyntax.Type ?? (SyntaxNode)parameterSyntax, parameter.Type.ToDisplayString()));
                valid = false;
                continue;
            }

            var role = parameter.Ordinal == 0 ? ParameterRole.Prediction
                : parameter.Ordinal == 1 && hasTarget ? ParameterRole.Target
                : classWeights && rows ? ParameterRole.ClassWeights
                : ParameterRole.Hyperparameter;
            var perElement = Attribute(parameter, KnownCalls.PerElementAttributeType);
            var differentiable = role == ParameterRole.Prediction;
            if (perElement is not null && role == ParameterRole.Hyperparameter)
            {
                role = ParameterRole.PerElement;
                differentiable = perElement.NamedArguments.FirstOrDefault(a => a.Key == "Differentiable").Value.Value as bool? ?? false;
            }

            var positive = Attribute(parameter, KnownCalls.PositiveAttributeType) is not null;
            var range = Attribute(parameter, KnownCalls.RangeAttributeType);
            double? minimum = range?.ConstructorArguments.Length == 2 ? Convert.ToDouble(range.ConstructorArguments[0].Value, CultureInfo.InvariantCulture) : null;
            double? maximum = range?.ConstructorArguments.Length == 2 ? Convert.ToDouble(range.ConstructorArguments[1].Value, CultureInfo.InvariantCulture) : null;
            if ((positive || range is not null) && role != ParameterRole.Hyperparameter)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidConstraint, parameterSyntax,
                    $"[Positive] and [Range] apply to hyperparameters only; '{parameter.Name}' is {Describe(role)}"));
                valid = false;
            }
            else if (minimum > maximum)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidConstraint, parameterSyntax, string.Format(
                    CultureInfo.InvariantCulture, "[Range({0}, {1})] on '{2}' is empty: the minimum must not exceed the maximum", minimum, maximum, parameter.Name)));
                valid = false;
            }

            var defaultValue = ReadDefault(parameter, parameterSyntax, role, elementType, diagnostics);
            if (defaultValue is { Valid: false })
            {
                valid = false;
            }

            var propertyName = char.ToUpperInvariant(parameter.Name[0]) + parameter.Name.Substring(1);
            var collides = rows ? role switch
                {
                    ParameterRole.Hyperparameter => GeneratedMembers.Contains(propertyName) || GeneratedRowMembers.Contains(propertyName) || propertyName == method.Name ||
                                                    propertyName == typeName || !properties.Add(propertyName),
                    ParameterRole.ClassWeights => false,
                    _ => GeneratedRowParameters.Contains(parameter.Name),
                }
                : role switch
            {
                ParameterRole.Hyperparameter => GeneratedMembers.Contains(propertyName) || propertyName == method.Name || propertyName == typeName || !properties.Add(propertyName),
                ParameterRole.PerElement => GeneratedParameters.Contains(parameter.Name) || GeneratedMembers.Contains(propertyName + "Derivative"),
                _ => false,
            };
            if (collides)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterNameCollision, parameterSyntax.Identifier.GetLocation(),
                    parameter.Name, role == ParameterRole.Hyperparameter ? propertyName : parameter.Name));
                valid = false;
            }

            parameters.Add(new LossParameter(
                parameter.Name,
                role,
                differentiable,
                propertyName,
                defaultValue?.Value,
                minimum,
                maximum,
                positive));
        }

        if (parameters.Count(p => p.Role == ParameterRole.ClassWeights) > 1)
        {
            var second = method.Parameters.Where(p => Attribute(p, KnownCalls.ClassWeightsAttributeType) is not null).Skip(1).First();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRowLoss, syntax.ParameterList.Parameters[second.Ordinal], $"'{second.Name}' is a second [ClassWeights] row; a loss has one"));
            valid = false;
        }

        var perElementInputs = parameters.Where(p => p.Role == ParameterRole.PerElement).ToList();
        if (perElementInputs.Count > MaxPerElementInputs)
        {
            // The batch runner has a fixed number of span slots; see LossGen.Internal.BatchSpans.
            var extra = method.Parameters.First(p => p.Name == perElementInputs[MaxPerElementInputs].Name);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidConstraint, syntax.ParameterList.Parameters[extra.Ordinal],
                $"A loss has at most {MaxPerElementInputs} [PerElement] inputs; '{extra.Name}' is one too many"));
            valid = false;
        }

        // A parameter without a default after one with a default: the constructor (and a float or double loss's
        // defining declaration) would list an optional parameter before a required one (CS1737).
        var ordered = elementType == ElementType.Generic ? parameters.Where(p => p.Role == ParameterRole.Hyperparameter).ToList() : parameters;
        var firstDefault = ordered.FindIndex(p => p.Default is not null);
        if (valid && firstDefault >= 0 && ordered.Skip(firstDefault).FirstOrDefault(p => p.Default is null) is { } required)
        {
            var requiredSymbol = method.Parameters.First(p => p.Name == required.Name);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidConstraint, syntax.ParameterList.Parameters[requiredSymbol.Ordinal],
                $"'{required.Name}' has no default but follows '{ordered[firstDefault].Name}', which has one: give '{required.Name}' a default or move it before '{ordered[firstDefault].Name}'"));
            valid = false;
        }

        return valid ? parameters : null;
    }

    private static readonly SyntaxKind[] Accessibilities = { SyntaxKind.PublicKeyword, SyntaxKind.InternalKeyword, SyntaxKind.ProtectedKeyword, SyntaxKind.PrivateKeyword };

    /// <summary>
    /// Whether the parts of the signature the defining declaration repeats are ones C# accepts: a name, an accessibility,
    /// no modifier beyond accessibility, static, partial and new, each once, distinct parameter names, and a type
    /// parameter with a name whose constraints all bind.
    /// </summary>
    private static bool IsWellFormedSignature(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        if (syntax.Identifier.IsMissing || syntax.ExplicitInterfaceSpecifier is not null)
        {
            return false;
        }

        var modifiers = syntax.Modifiers.Select(m => m.Kind()).ToList();
        var accessibility = modifiers.Where(m => Array.IndexOf(Accessibilities, m) >= 0).ToList();
        var accessibilityValid = accessibility.Count == 1 ||
                                 (accessibility.Count == 2 && accessibility.Contains(SyntaxKind.ProtectedKeyword) &&
                                  (accessibility.Contains(SyntaxKind.InternalKeyword) || accessibility.Contains(SyntaxKind.PrivateKeyword)));
        if (!accessibilityValid || modifiers.Distinct().Count() != modifiers.Count ||
            modifiers.Any(m => Array.IndexOf(Accessibilities, m) < 0 && m is not (SyntaxKind.StaticKeyword or SyntaxKind.PartialKeyword or SyntaxKind.NewKeyword)))
        {
            return false;
        }

        if (method.Parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != method.Parameters.Length)
        {
            return false;
        }

        return method.TypeParameters.All(t => t.Name.Length > 0 && t.ConstraintTypes.All(c => c.TypeKind != TypeKind.Error)) &&
               syntax.ConstraintClauses.All(c => !c.ContainsDiagnostics);
    }

    /// <summary>What is wrong with a parameter of a row-wise loss for its position, or null.</summary>
    private static string? RowParameterProblem(IParameterSymbol parameter, IMethodSymbol method, LossShape shape, bool classWeights)
    {
        var isRow = IsSpanOf(parameter.Type, method.ReturnType);
        if (Attribute(parameter, KnownCalls.PerElementAttributeType) is not null)
        {
            return $"'{parameter.Name}' is [PerElement], which a row-wise loss does not take";
        }

        if (classWeights)
        {
            return parameter.Ordinal < 2 ? $"'{parameter.Name}' is the {(parameter.Ordinal == 0 ? "prediction" : "target")}, not per-class weights"
                : shape != LossShape.ClassIndexRow ? $"[ClassWeights] '{parameter.Name}' needs a class-index target (int)"
                : isRow ? null
                : $"[ClassWeights] '{parameter.Name}' is a {parameter.Type.ToDisplayString()}, not a ReadOnlySpan<{method.ReturnType.ToDisplayString()}>";
        }

        if (parameter.Ordinal < 2)
        {
            return null;
        }

        return isRow ? $"The row '{parameter.Name}' is neither prediction nor target: mark per-class weights [ClassWeights]"
            : SymbolEqualityComparer.Default.Equals(parameter.Type, method.ReturnType) ? null
            : $"The hyperparameter '{parameter.Name}' is a {parameter.Type.ToDisplayString()}, not a {method.ReturnType.ToDisplayString()}";
    }

    /// <summary>
    /// The default of a parameter, from <c>= value</c> (float and double) or <c>[Default(value)]</c> (any element type,
    /// the only way for a type parameter); null when it has none.
    /// </summary>
    private static (double? Value, bool Valid)? ReadDefault(
        IParameterSymbol parameter, ParameterSyntax syntax, ParameterRole role, ElementType elementType, List<DiagnosticInfo> diagnostics)
    {
        var attribute = Attribute(parameter, DefaultAttributeType);
        if (attribute is null)
        {
            return parameter.HasExplicitDefaultValue && elementType != ElementType.Generic
                ? (parameter.ExplicitDefaultValue is null ? 0 : Convert.ToDouble(parameter.ExplicitDefaultValue, CultureInfo.InvariantCulture), true)
                : null;
        }

        string? problem = null;
        if (role != ParameterRole.Hyperparameter)
        {
            problem = $"[Default] applies to hyperparameters only; '{parameter.Name}' is {Describe(role)}";
        }
        else if (parameter.HasExplicitDefaultValue)
        {
            problem = $"'{parameter.Name}' has both a default value and [Default]: keep one";
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidConstraint, syntax, problem));
            return (null, false);
        }

        return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is { } value
            ? (Convert.ToDouble(value, CultureInfo.InvariantCulture), true)
            : null;
    }

    /// <summary>Whether a type parameter is constrained to <c>IFloatingPointIeee754&lt;T&gt;</c> of itself, directly or through another interface.</summary>
    private static bool IsGenericFloatingPoint(ITypeParameterSymbol parameter) =>
        !parameter.HasReferenceTypeConstraint &&
        parameter.ConstraintTypes.OfType<INamedTypeSymbol>().SelectMany(t => t.AllInterfaces.Prepend(t)).Any(i =>
            i.OriginalDefinition.ToDisplayString() == GenericMathInterface && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], parameter));

    /// <summary>The constraints of a type parameter as a <c>where</c> clause would list them, fully qualified.</summary>
    private static string Constraints(ITypeParameterSymbol parameter)
    {
        var constraints = new List<string>();
        if (parameter.HasUnmanagedTypeConstraint)
        {
            constraints.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            constraints.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            constraints.Add("notnull");
        }

        constraints.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
        return string.Join(", ", constraints);
    }

    /// <summary>Whether this loss may generate its type: the name is free in the containing type and unclaimed by an earlier loss.</summary>
    /// <summary>
    /// The names the generated file uses without their namespace, with the namespace it imports each from, inside the
    /// loss's namespace (<c>Kernels</c> is an alias of <c>LossGen.Kernels</c>).
    /// </summary>
    internal static readonly (string Name, string Namespace)[] ShortNames =
    {
        ("ClassIndexRowLoss", "LossGen"), ("ElementLoss", "LossGen"), ("KernelLoss", "LossGen"), ("LossLabels", "LossGen"),
        ("LossMath", "LossGen"), ("PenaltyLoss", "LossGen"), ("RowTargetLoss", "LossGen"), ("Kernels", "LossGen"),
        ("BatchModes", "LossGen.Internal"), ("LossGuard", "LossGen.Internal"), ("LossVector128", "LossGen.Internal"),
        ("LossVector256", "LossGen.Internal"), ("LossVector512", "LossGen.Internal"),
        ("MethodImpl", "System.Runtime.CompilerServices"), ("MethodImplAttribute", "System.Runtime.CompilerServices"),
        ("MethodImplOptions", "System.Runtime.CompilerServices"), ("Vector128", "System.Runtime.Intrinsics"),
        ("Vector256", "System.Runtime.Intrinsics"), ("Vector512", "System.Runtime.Intrinsics"),
    };

    /// <summary>
    /// Whether no name the generated code uses by its short name is hidden by a user's type of that name: one in the
    /// loss's own namespace, or nested in a type containing the loss (or in its base types), is found before the
    /// generated file's imports.
    /// </summary>
    private static bool CheckShortNames(IMethodSymbol method, Location location, List<DiagnosticInfo> diagnostics)
    {
        var scopes = new List<INamespaceOrTypeSymbol>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            for (var inherited = type; inherited is not null && inherited.SpecialType != SpecialType.System_Object; inherited = inherited.BaseType)
            {
                scopes.Add(inherited);
            }
        }

        scopes.Add(method.ContainingNamespace);
        foreach (var scope in scopes)
        {
            foreach (var (name, home) in ShortNames)
            {
                // LossGen's own losses live in its namespace: there a type (or the namespace Kernels) of the name is the one meant.
                var members = scope is INamespaceSymbol ns ? ns.GetMembers(name) : scope.GetTypeMembers(name).Cast<INamespaceOrTypeSymbol>();
                if (members.FirstOrDefault(t => t.ContainingNamespace.ToDisplayString() != home) is { } hiding)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HiddenGeneratedName, location, hiding.ToDisplayString(), method.Name));
                    return false;
                }
            }
        }

        return true;
    }

    private static bool CheckTypeName(IMethodSymbol method, string typeName, AttributeData attribute, Location location, List<DiagnosticInfo> diagnostics)
    {
        var container = method.ContainingType;
        if (container.GetMembers(typeName).Any(m => !m.IsImplicitlyDeclared) || container.Name == typeName)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNameCollision, location, container.Name, typeName, method.Name));
            return false;
        }

        foreach (var other in container.GetMembers().OfType<IMethodSymbol>())
        {
            if (SymbolEqualityComparer.Default.Equals(other, method))
            {
                break;
            }

            var otherAttribute = other.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute.AttributeClass));
            if (otherAttribute is not null &&
                (otherAttribute.NamedArguments.FirstOrDefault(a => a.Key == "TypeName").Value.Value as string ?? other.Name + "Loss") == typeName)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTypeName, location, other.Name, method.Name, typeName));
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether C# reports an error in the body: in its text, in its binding (an invalid operation, an error type, a
    /// missing or only explicit conversion), or at the method's name because the end of a block is reachable (CS0161, not
    /// all code paths return). Declaration errors such as the missing defining declaration, which LossGen generates, do
    /// not count.
    /// </summary>
    /// <remarks>
    /// Read from the bound operation tree of <paramref name="model"/>, which reading the body then reuses, rather than
    /// from the compiler's diagnostics of the method body, which bind it again: this runs for every <c>[Loss]</c> method
    /// on every edit, and that was two thirds of the generator's time after an unrelated edit.
    /// </remarks>
    internal static bool HasCompilerErrors(SemanticModel model, MethodDeclarationSyntax syntax, CancellationToken cancellationToken)
    {
        var body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null || body.ContainsDiagnostics || model.GetOperation(syntax, cancellationToken) is not IMethodBodyOperation operation)
        {
            return true;
        }

        if (operation.Descendants().Any(o => o is IInvalidOperation || o.Type?.TypeKind == TypeKind.Error ||
                                             o is IConversionOperation { Conversion.Exists: false } or IConversionOperation { IsImplicit: true, Conversion.IsImplicit: false }))
        {
            return true;
        }

        return syntax.Body is { } block &&
               (block.Statements.Count == 0 || model.AnalyzeControlFlow(block.Statements.First(), block.Statements.Last()) is not { Succeeded: true, EndPointIsReachable: false });
    }

    private static string Describe(ParameterRole role) =>
        role == ParameterRole.PerElement ? "a per-element input" : "the " + role.ToString().ToLowerInvariant();

    private static AttributeData? Attribute(IParameterSymbol parameter, string name) =>
        parameter.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    /// <summary>Unique per method: the containing type's metadata name, the method, and its overload position.</summary>
    private static string HintName(IMethodSymbol method)
    {
        var container = method.ContainingType;
        var typeName = container.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        var safe = new string(typeName.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray());
        var overloads = container.GetMembers(method.Name).OfType<IMethodSymbol>().ToList();
        var position = overloads.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, method));
        return position > 0 ? $"{safe}.{method.Name}.{position + 1}.g.cs" : $"{safe}.{method.Name}.g.cs";
    }

    private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
