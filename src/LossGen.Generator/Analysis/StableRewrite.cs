using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Generator.Analysis;

/// <summary>One argument of a <see cref="StableRewrite"/>: an operand as the user wrote it, negated or not.</summary>
internal readonly record struct RewriteArgument(ExpressionSyntax Syntax, bool Negate);

/// <summary>
/// The stable call that replaces an unstable form, e.g. <c>LossMath.Softplus(x)</c> for <c>Math.Log(1 + Math.Exp(x))</c>.
/// The analyzer shows it in its message and hands it to the code fix as diagnostic properties (the function, which
/// arguments are negated, whether the result is) plus one additional location per argument, so both build the same
/// syntax here.
/// </summary>
internal sealed record StableRewrite(string Function, ImmutableArray<RewriteArgument> Arguments, bool NegateResult = false)
{
    public const string FunctionKey = "LossGen.Function";
    public const string NegatedArgumentsKey = "LossGen.NegatedArguments";
    public const string NegateResultKey = "LossGen.NegateResult";

    /// <summary>The rewrite calling <paramref name="function"/>, or null when an argument has no syntax to move.</summary>
    public static StableRewrite? Of(string function, params RewriteArgument?[] arguments) =>
        arguments.All(a => a is not null) ? new(function, arguments.Select(a => a!.Value).ToImmutableArray()) : null;

    public ImmutableDictionary<string, string?> Properties => ImmutableDictionary<string, string?>.Empty
        .Add(FunctionKey, Function)
        .Add(NegatedArgumentsKey, new string(Arguments.Select(a => a.Negate ? '1' : '0').ToArray()))
        .Add(NegateResultKey, NegateResult ? "1" : "0");

    public IEnumerable<Location> ArgumentLocations => Arguments.Select(a => a.Syntax.GetLocation());

    /// <summary>The rewrite as the message shows it, <c>LossMath.Softplus(x)</c>.</summary>
    public string Display() => Build(SyntaxFactory.IdentifierName("LossMath"), Function, Arguments).NormalizeWhitespace().ToString();

    /// <summary>
    /// Reads back what <see cref="Properties"/> wrote, with the arguments at <paramref name="arguments"/> (the
    /// diagnostic's additional locations); null when the properties are not a rewrite's.
    /// </summary>
    public static StableRewrite? FromProperties(ImmutableDictionary<string, string?> properties, IReadOnlyList<ExpressionSyntax> arguments)
    {
        if (!properties.TryGetValue(FunctionKey, out var function) || function is null ||
            !properties.TryGetValue(NegatedArgumentsKey, out var negated) || negated is null || negated.Length != arguments.Count)
        {
            return null;
        }

        return new StableRewrite(
            function,
            arguments.Select((a, i) => new RewriteArgument(a, negated[i] == '1')).ToImmutableArray(),
            properties.TryGetValue(NegateResultKey, out var negateResult) && negateResult == "1");
    }

    /// <summary><c>{lossMath}.{Function}(arguments)</c>, negated where asked; the arguments keep their inner trivia only.</summary>
    public ExpressionSyntax Build(ExpressionSyntax lossMath) => Build(lossMath, Function, Arguments, NegateResult);

    private static ExpressionSyntax Build(ExpressionSyntax lossMath, string function, ImmutableArray<RewriteArgument> arguments, bool negateResult = false)
    {
        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, lossMath, SyntaxFactory.IdentifierName(function)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                arguments.Select(a => SyntaxFactory.Argument(a.Negate ? Negate(a.Syntax.WithoutTrivia()) : a.Syntax.WithoutTrivia())),
                Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(0, arguments.Length - 1)))));
        return negateResult ? Negate(call) : call;
    }

    /// <summary><c>-x</c>, without doubling a minus (<c>-(-x)</c> is <c>x</c>) and with parentheses only where precedence needs them.</summary>
    private static ExpressionSyntax Negate(ExpressionSyntax expression) => expression switch
    {
        PrefixUnaryExpressionSyntax minus when minus.IsKind(SyntaxKind.UnaryMinusExpression) => minus.Operand,
        IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax
            => SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, expression),
        _ => SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, SyntaxFactory.ParenthesizedExpression(expression)),
    };
}
