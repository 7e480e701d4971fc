using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LossGen.Generator.Diagnostics;
using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Generator.Parsing;

/// <summary>
/// Reads a loss body (and the bodies of the helpers it calls, inlined) from Roslyn's operation tree into the
/// expression IR. Every unsupported construct becomes a diagnostic at its own syntax; reading goes on with a
/// placeholder so each mistake in the body is reported, once.
/// </summary>
internal sealed class BodyReader
{
    private readonly Compilation _compilation;
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ExprPool _pool;
    /// <summary>float or double; <see cref="SpecialType.None"/> for a generic loss, whose element type is a type parameter.</summary>
    private readonly SpecialType _elementType;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Stack<IMethodSymbol> _inlining = new();

    /// <summary>Locals whose initializer was reported: their uses are not reported again.</summary>
    private readonly HashSet<ISymbol> _reportedLocals = new(SymbolEqualityComparer.Default);

    /// <summary>Whether an inlined helper has C# errors: C# reports them, and the body cannot be read.</summary>
    private bool _helperHasCompilerErrors;

    /// <summary>The row parameters of a row-wise loss, by symbol, with their ordinals; empty for an element loss.</summary>
    private readonly Dictionary<ISymbol, int> _rows = new(SymbolEqualityComparer.Default);

    /// <summary>The class-index target of a row-wise loss, or null.</summary>
    private IParameterSymbol? _classIndex;

    private BodyReader(SemanticModel semanticModel, ExprPool pool, SpecialType elementType, CancellationToken cancellationToken)
    {
        _compilation = semanticModel.Compilation;
        _models.Add(semanticModel.SyntaxTree, semanticModel);
        _pool = pool;
        _elementType = elementType;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Reads the body of <paramref name="method"/>, whose parameter i is input i of the loss. In a row-wise loss
    /// (<paramref name="shape"/>), the rows and the class index are read only through the row operations.
    /// </summary>
    public static (Expr? Body, List<DiagnosticInfo> Diagnostics) Read(
        SemanticModel semanticModel, ExprPool pool, IMethodSymbol method, MethodDeclarationSyntax syntax, CancellationToken cancellationToken,
        LossShape shape = LossShape.Element)
    {
        var reader = new BodyReader(semanticModel, pool, method.ReturnType.SpecialType, cancellationToken);
        var inputs = new Dictionary<ISymbol, Expr>(SymbolEqualityComparer.Default);
        foreach (var parameter in method.Parameters)
        {
            if (shape == LossShape.Element || SymbolEqualityComparer.Default.Equals(parameter.Type, method.ReturnType))
            {
                inputs.Add(parameter, pool.Variable(parameter.Ordinal));
            }
            else if (parameter.Type.SpecialType == SpecialType.System_Int32)
            {
                reader._classIndex = parameter;
            }
            else
            {
                reader._rows.Add(parameter, parameter.Ordinal);
            }
        }

        reader._inlining.Push(method);
        var body = reader.ReadMethod(syntax, inputs);
        return (reader._diagnostics.Count == 0 && !reader._helperHasCompilerErrors ? body : null, reader._diagnostics);
    }

    /// <summary>The semantic model of a tree, one per tree: the loss's is the transform's own, and a helper's body is bound once.</summary>
    private SemanticModel Model(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out var model))
        {
            model = _compilation.GetSemanticModel(tree);
            _models.Add(tree, model);
        }

        return model;
    }

    private Expr ReadMethod(MethodDeclarationSyntax syntax, Dictionary<ISymbol, Expr> scope)
    {
        var model = Model(syntax.SyntaxTree);
        SyntaxNode? bodySyntax = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (bodySyntax is null || model.GetOperation(syntax, _cancellationToken) is not IMethodBodyOperation operation)
        {
            return Fail(DiagnosticDescriptors.MethodMustBeStaticPartial, syntax.Identifier.GetLocation(), syntax.Identifier.Text);
        }

        var block = operation.BlockBody ?? operation.ExpressionBody;
        return block is null
            ? Fail(DiagnosticDescriptors.MethodMustBeStaticPartial, syntax.Identifier.GetLocation(), syntax.Identifier.Text)
            : ReadStatements(block.Operations, 0, scope, block.Syntax);
    }

    /// <summary>
    /// Reads statements from <paramref name="start"/> until a return. An <c>if</c> becomes <c>?:</c>, the statements
    /// after it being its else branch when it has none; a nested block or a branch that does not return goes on with
    /// the statements after it, as C# runs it.
    /// </summary>
    private Expr ReadStatements(IReadOnlyList<IOperation> statements, int start, Dictionary<ISymbol, Expr> scope, SyntaxNode owner)
    {
        for (var i = start; i < statements.Count; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var statement = statements[i];
            switch (statement)
            {
                case IVariableDeclarationGroupOperation group:
                    DeclareLocals(group, scope);
                    break;
                case IReturnOperation { ReturnedValue: { } returned }:
                    return Read(returned, scope);
                case IBlockOperation nested:
                    return ReadStatements(FollowedBy(nested, statements, i), 0, new Dictionary<ISymbol, Expr>(scope, SymbolEqualityComparer.Default), owner);
                case IConditionalOperation conditional when conditional.WhenTrue is not null:
                    return ReadIf(conditional, statements, i, scope, owner);
                case IEmptyOperation:
                    break;
                default:
                    return Unsupported(statement);
            }
        }

        return Fail(DiagnosticDescriptors.UnsupportedStatement, owner.GetLocation(), "body without a final return");
    }

    private Expr ReadIf(IConditionalOperation conditional, IReadOnlyList<IOperation> statements, int index, Dictionary<ISymbol, Expr> scope, SyntaxNode owner)
    {
        var condition = Read(conditional.Condition, scope);
        var whenTrue = ReadBranch(conditional.WhenTrue, statements, index, scope, owner);
        var whenFalse = conditional.WhenFalse is null
            ? ReadStatements(statements, index + 1, scope, owner)
            : ReadBranch(conditional.WhenFalse, statements, index, scope, owner);
        return _pool.Conditional(condition, whenTrue, whenFalse);
    }

    /// <summary>Reads a branch of the if at <paramref name="index"/> in a scope of its own, going on after the if when it does not return.</summary>
    private Expr ReadBranch(IOperation branch, IReadOnlyList<IOperation> statements, int index, Dictionary<ISymbol, Expr> scope, SyntaxNode owner) =>
        ReadStatements(FollowedBy(branch, statements, index), 0, new Dictionary<ISymbol, Expr>(scope, SymbolEqualityComparer.Default), owner);

    /// <summary>The statements of <paramref name="first"/> (a block or one statement), then those after <paramref name="index"/>.</summary>
    private static List<IOperation> FollowedBy(IOperation first, IReadOnlyList<IOperation> statements, int index) =>
        (first is IBlockOperation block ? block.Operations : (IEnumerable<IOperation>)new[] { first }).Concat(statements.Skip(index + 1)).ToList();

    private void DeclareLocals(IVariableDeclarationGroupOperation group, Dictionary<ISymbol, Expr> scope)
    {
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                var initializer = declarator.Initializer ?? declaration.Initializer;
                if (initializer is null)
                {
                    Unsupported(declarator);
                    continue;
                }

                var reported = _diagnostics.Count;
                var value = Read(initializer.Value, scope);
                if (_diagnostics.Count == reported && IsOtherPrecision(declarator.Symbol.Type))
                {
                    // 'double x = prediction;' in a float loss: reported at the type once, not at every use of x.
                    MixedPrecision(((declaration.Syntax as VariableDeclarationSyntax)?.Type ?? declarator.Syntax).GetLocation(), declarator.Symbol.Type);
                }

                if (_diagnostics.Count > reported)
                {
                    _reportedLocals.Add(declarator.Symbol);
                }

                _pool.Name(value, declarator.Symbol.Name);
                scope[declarator.Symbol] = value;
            }
        }
    }

    private Expr Read(IOperation operation, Dictionary<ISymbol, Expr> scope)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (IsReportedLocal(operation))
        {
            return _pool.Zero;
        }

        if (WrongPrecision(operation))
        {
            // Named after the method whose body this is, so a helper shared by several losses is reported once.
            return MixedPrecision(operation.Syntax.GetLocation(), operation.Type!);
        }

        if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is { } constant)
        {
            return constant switch
            {
                bool truth => _pool.Truth(truth),
                double number => _pool.Constant(number),
                float number => _pool.Constant(number),
                int or long or short or sbyte or byte or uint or ulong or ushort => _pool.Constant(System.Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture)),
                _ => Unsupported(operation),
            };
        }

        switch (operation)
        {
            case IParameterReferenceOperation { Parameter: var parameter } when scope.TryGetValue(parameter, out var input):
                return input;
            case ILocalReferenceOperation { Local: var local } when scope.TryGetValue(local, out var value):
                return value;
            case IParameterReferenceOperation { Parameter: var row } when _rows.ContainsKey(row):
                return Fail(DiagnosticDescriptors.UnsupportedRowUse, operation.Syntax.GetLocation(), row.Name);
            case IParameterReferenceOperation { Parameter: var parameter } when SymbolEqualityComparer.Default.Equals(parameter, _classIndex):
                return Fail(DiagnosticDescriptors.UnsupportedClassIndexUse, operation.Syntax.GetLocation(), parameter.Name);
            case IPropertyReferenceOperation { Instance: IParameterReferenceOperation { Parameter: var row } } member when _rows.ContainsKey(row):
                return ReadRowMember(member, row);
            case IConversionOperation { Type: { } type } conversion when KnownCalls.IsNumeric(type) && KnownCalls.IsNumeric(conversion.Operand.Type) && conversion.OperatorMethod is null &&
                                                                        (KnownCalls.IsFloating(type) || conversion.Conversion.IsImplicit):
                // To float or double, or widening: the value is kept. A cast to an integer truncates, which is not differentiable.
                return Read(conversion.Operand, scope);
            case IBinaryOperation binary when KnownCalls.IsBuiltInOperator(binary.OperatorMethod):
                return ReadBinary(binary, scope);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } unary when KnownCalls.IsBuiltInOperator(unary.OperatorMethod):
                return _pool.Negate(Read(unary.Operand, scope));
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } unary when KnownCalls.IsBuiltInOperator(unary.OperatorMethod):
                return Read(unary.Operand, scope);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } unary when KnownCalls.IsBuiltInOperator(unary.OperatorMethod):
                return _pool.Not(Read(unary.Operand, scope));
            case IUnaryOperation or IIncrementOrDecrementOperation or ICompoundAssignmentOperation:
                return UnsupportedOperator(operation.Syntax);
            case IPropertyReferenceOperation { Property: var property } when KnownCalls.GenericConstant(property) is { } named:
                return _pool.Constant(named);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return _pool.Conditional(Read(conditional.Condition, scope), Read(conditional.WhenTrue, scope), Read(whenFalse, scope));
            case IInvocationOperation invocation:
                return ReadInvocation(invocation, scope);
            default:
                return Unsupported(operation);
        }
    }

    private Expr ReadBinary(IBinaryOperation binary, Dictionary<ISymbol, Expr> scope)
    {
        Op? op = binary.OperatorKind switch
        {
            BinaryOperatorKind.Add => Op.Add,
            BinaryOperatorKind.Subtract => Op.Subtract,
            BinaryOperatorKind.Multiply => Op.Multiply,
            BinaryOperatorKind.Divide when !KnownCalls.IsInteger(binary.Type) => Op.Divide,
            BinaryOperatorKind.LessThan => Op.Less,
            BinaryOperatorKind.LessThanOrEqual => Op.LessOrEqual,
            BinaryOperatorKind.GreaterThan => Op.Greater,
            BinaryOperatorKind.GreaterThanOrEqual => Op.GreaterOrEqual,
            BinaryOperatorKind.Equals => Op.Equal,
            BinaryOperatorKind.NotEquals => Op.NotEqual,
            BinaryOperatorKind.ConditionalAnd => Op.And,
            BinaryOperatorKind.ConditionalOr => Op.Or,
            _ => null,
        };
        if (op is null)
        {
            Read(binary.LeftOperand, scope);
            Read(binary.RightOperand, scope);
            return UnsupportedOperator(
                binary.Syntax,
                binary.OperatorKind == BinaryOperatorKind.Divide ? "/ on integers" : binary.Syntax is BinaryExpressionSyntax ? null : binary.OperatorKind.ToString());
        }

        return _pool.Apply(op.Value, Read(binary.LeftOperand, scope), Read(binary.RightOperand, scope));
    }

    private Expr ReadInvocation(IInvocationOperation invocation, Dictionary<ISymbol, Expr> scope)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
        if (KnownCalls.IsConversion(method) && arguments.Count == 1)
        {
            // T.CreateChecked(0.5) is how generic math writes a constant; of an element-type value it changes nothing.
            var argument = arguments[0].Value;
            return argument.ConstantValue is { HasValue: true, Value: { } constant } && constant is not bool
                ? _pool.Constant(System.Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture))
                : Read(argument, scope);
        }

        if (_rows.Count > 0 && KnownCalls.HomeOf(method.ContainingType) == FunctionHome.LossMath && method.Parameters.Any(p => IsSpan(p.Type)))
        {
            return ReadRowFunction(invocation, method, arguments, scope);
        }

        if (KnownCalls.Function(method) is { } function)
        {
            return _pool.Apply(function.Op, arguments.Select(a => Read(a.Value, scope)).ToArray());
        }

        if (KnownCalls.HomeOf(method.ContainingType) == FunctionHome.None && method.IsStatic && KnownCalls.IsInlinable(method))
        {
            return Inline(invocation, method, arguments, scope);
        }

        if (invocation.Instance is { } receiver && IsReportedLocal(receiver))
        {
            return _pool.Zero;
        }

        foreach (var argument in arguments)
        {
            Read(argument.Value, scope);
        }

        return UnsupportedCall(invocation, method, "");
    }

    /// <summary><c>logits[target]</c> and <c>logits.Length</c>; anything else of a row is not a number.</summary>
    private Expr ReadRowMember(IPropertyReferenceOperation member, IParameterSymbol row)
    {
        if (member.Property.IsIndexer && member.Arguments.Length == 1)
        {
            var index = member.Arguments[0].Value;
            return index is IParameterReferenceOperation { Parameter: var parameter } && SymbolEqualityComparer.Default.Equals(parameter, _classIndex)
                ? _pool.RowAt(_rows[row])
                : Fail(DiagnosticDescriptors.UnsupportedRowUse, index.Syntax.GetLocation(), row.Name);
        }

        return member.Property.Name == "Length"
            ? _pool.RowLength()
            : Fail(DiagnosticDescriptors.UnsupportedRowUse, member.Syntax.GetLocation(), row.Name);
    }

    /// <summary>
    /// A row function of LossMath: its rows are row parameters, its lambda the element function, read with the lambda's
    /// parameters standing for the rows' elements. Mean is a sum over the length; Dot the sum of a product.
    /// </summary>
    private Expr ReadRowFunction(IInvocationOperation invocation, IMethodSymbol method, List<IArgumentOperation> arguments, Dictionary<ISymbol, Expr> scope)
    {
        var rows = new List<Expr>();
        IAnonymousFunctionOperation? lambda = null;
        foreach (var argument in arguments)
        {
            switch (argument.Value)
            {
                case IParameterReferenceOperation { Parameter: var row } when _rows.ContainsKey(row):
                    rows.Add(_pool.Variable(_rows[row]));
                    break;
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation function }:
                    lambda = function;
                    break;
                case var other when IsSpan(other.Type):
                    return Fail(DiagnosticDescriptors.UnsupportedRowUse, other.Syntax.GetLocation(), other.Syntax.ToString());
                case var other:
                    return Fail(DiagnosticDescriptors.UnsupportedExpression, other.Syntax.GetLocation(), other.Syntax.ToString() + " (write the element function as a lambda)");
            }
        }

        Expr element;
        if (lambda is not null)
        {
            var inner = new Dictionary<ISymbol, Expr>(scope, SymbolEqualityComparer.Default);
            for (var k = 0; k < lambda.Symbol.Parameters.Length && k < rows.Count; k++)
            {
                inner[lambda.Symbol.Parameters[k]] = rows[k];
            }

            // A lambda cannot capture a span (CS8175), so an inner reduction reaches it only through a local: a value
            // of the row, which RowDecomposition computes in a pass before this one's.
            element = ReadStatements(lambda.Body.Operations, 0, inner, lambda.Body.Syntax);
        }
        else
        {
            element = method.Name == "Dot" && rows.Count == 2 ? rows[0] * rows[1] : rows[0];
        }

        return method.Name switch
        {
            "LogSumExp" => _pool.Reduce(Op.RowLogSumExp, element),
            "Max" => _pool.Reduce(Op.RowMax, element),
            "Mean" => _pool.Reduce(Op.RowSum, element) / _pool.RowLength(),
            _ => _pool.Reduce(Op.RowSum, element),
        };
    }

    private static bool IsSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() == "System.ReadOnlySpan<T>";

    private Expr UnsupportedCall(IInvocationOperation invocation, IMethodSymbol method, string note) => Fail(
        DiagnosticDescriptors.UnsupportedCall,
        invocation.Syntax.GetLocation(),
        method.ContainingType.Name + "." + method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")" + note,
        string.Join(", ", OpInfo.Functions(FunctionHome.Math).Select(f => f.Name)),
        string.Join(", ", OpInfo.Functions(FunctionHome.LossMath).Select(f => f.Name)));

    private Expr Inline(IInvocationOperation invocation, IMethodSymbol method, List<IArgumentOperation> arguments, Dictionary<ISymbol, Expr> scope)
    {
        var definition = method.OriginalDefinition;
        var target = definition.PartialImplementationPart ?? definition;
        var syntax = target.DeclaringSyntaxReferences
            .Where(r => _compilation.ContainsSyntaxTree(r.SyntaxTree))
            .Select(r => r.GetSyntax(_cancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);
        if (syntax is null)
        {
            return UnsupportedCall(invocation, method, ", whose source is not in this compilation");
        }

        if (_inlining.Any(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, target.OriginalDefinition) ||
                                SymbolEqualityComparer.Default.Equals(m.PartialDefinitionPart ?? m, method.OriginalDefinition)))
        {
            return Fail(DiagnosticDescriptors.Recursion, invocation.Syntax.GetLocation(), method.Name, _inlining.Peek().Name);
        }

        var bound = new Dictionary<ISymbol, Expr>(SymbolEqualityComparer.Default);
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter)
            {
                var value = Read(argument.Value, scope);
                bound[parameter] = value;
                if (target.Parameters.Length > parameter.Ordinal)
                {
                    bound[target.Parameters[parameter.Ordinal]] = value;
                    bound[definition.Parameters[parameter.Ordinal]] = value;
                }
            }
        }

        if (LossReader.HasCompilerErrors(Model(syntax.SyntaxTree), syntax, _cancellationToken))
        {
            _helperHasCompilerErrors = true;
            return _pool.Zero;
        }

        _inlining.Push(target);
        var result = ReadMethod(syntax, bound);
        _inlining.Pop();
        return result;
    }

    private Expr MixedPrecision(Location location, ITypeSymbol found)
    {
        var advice = _elementType switch
        {
            SpecialType.System_Single => "use MathF instead of Math, 'f' literals and no casts between float and double",
            SpecialType.System_Double => "use Math instead of MathF, no 'f' literals and no casts to float",
            _ => "write constants as T.CreateChecked(0.5) or T.One, and call T's functions (T.Exp) or LossMath",
        };
        var loss = _elementType == SpecialType.None ? "generic" : _elementType == SpecialType.System_Single ? "float" : "double";
        return Fail(DiagnosticDescriptors.MixedPrecision, location, _inlining.Peek().Name, loss, found.ToDisplayString(), advice);
    }

    private bool IsOtherPrecision(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double && type.SpecialType != _elementType;

    private bool WrongPrecision(IOperation operation)
    {
        if (!IsOtherPrecision(operation.Type))
        {
            return false;
        }

        return operation switch
        {
            IConversionOperation { IsImplicit: true } => false,
            IBinaryOperation or IUnaryOperation or IConditionalOperation => false,
            _ => true,
        };
    }

    private bool IsReportedLocal(IOperation operation) =>
        operation is ILocalReferenceOperation { Local: var local } && _reportedLocals.Contains(local);

    /// <summary>Reports an unsupported operator at its token, named by <paramref name="text"/> or the token.</summary>
    private Expr UnsupportedOperator(SyntaxNode syntax, string? text = null)
    {
        var token = syntax switch
        {
            BinaryExpressionSyntax binary => binary.OperatorToken,
            PrefixUnaryExpressionSyntax prefix => prefix.OperatorToken,
            PostfixUnaryExpressionSyntax postfix => postfix.OperatorToken,
            AssignmentExpressionSyntax assignment => assignment.OperatorToken,
            _ => default,
        };
        return token == default
            ? Fail(DiagnosticDescriptors.UnsupportedOperator, syntax.GetLocation(), text ?? syntax.ToString())
            : Fail(DiagnosticDescriptors.UnsupportedOperator, token.GetLocation(), text ?? token.Text);
    }

    private Expr Unsupported(IOperation operation)
    {
        var syntax = operation.Syntax;
        if (operation is IExpressionStatementOperation { Operation: var expression })
        {
            return expression is ICompoundAssignmentOperation or IIncrementOrDecrementOperation
                ? UnsupportedOperator(expression.Syntax)
                : Fail(DiagnosticDescriptors.UnsupportedStatement, syntax.GetLocation(), expression is ISimpleAssignmentOperation ? "assignment (locals are assigned once)" : "expression statement");
        }

        if (syntax is StatementSyntax or VariableDeclaratorSyntax)
        {
            return Fail(DiagnosticDescriptors.UnsupportedStatement, syntax.GetLocation(), StatementName(syntax));
        }

        return operation is IAnonymousFunctionOperation or IDelegateCreationOperation { Target: IAnonymousFunctionOperation }
            ? Fail(DiagnosticDescriptors.UnsupportedStatement, syntax.GetLocation(), "lambda")
            : Fail(DiagnosticDescriptors.UnsupportedExpression, syntax.GetLocation(), syntax.ToString());
    }

    private static string StatementName(SyntaxNode syntax) => syntax switch
    {
        ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax => "loop",
        TryStatementSyntax => "'try' statement",
        ThrowStatementSyntax => "'throw' statement",
        SwitchStatementSyntax => "'switch' statement",
        LocalFunctionStatementSyntax => "local function",
        VariableDeclaratorSyntax => "local without an initializer",
        ReturnStatementSyntax => "'return' without a value",
        _ => "statement",
    };

    private Expr Fail(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        if (!_diagnostics.Any(d => d.Descriptor.Id == descriptor.Id && d.Span == location.SourceSpan && d.SyntaxTree == location.SourceTree))
        {
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }

        return _pool.Zero;
    }
}
