using System.Collections.Generic;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// A node of the hash-consed expression graph. Two nodes of one <see cref="ExprPool"/> are structurally equal
/// exactly when they are the same object, so a subexpression used many times is one node.
/// </summary>
internal sealed class Expr
{
    internal Expr(ExprPool pool, int id, Op op, double value, int variable, Expr[] args)
    {
        Pool = pool;
        Id = id;
        Op = op;
        Value = value;
        Variable = variable;
        Args = args;
    }

    public ExprPool Pool { get; }

    /// <summary>Creation order within the pool; children always have smaller ids than their parents.</summary>
    public int Id { get; }

    public Op Op { get; }

    /// <summary>The number of a <see cref="Op.Constant"/>.</summary>
    public double Value { get; }

    /// <summary>The index of a <see cref="Op.Variable"/> among the loss's inputs.</summary>
    public int Variable { get; }

    public IReadOnlyList<Expr> Args { get; }

    public Expr this[int index] => Args[index];

    public bool IsConstant => Op == Op.Constant;

    public bool IsBoolean => OpInfo.Of(Op).IsBoolean;

    public bool Is(double constant) => Op == Op.Constant && Value.Equals(constant);

    public static Expr operator +(Expr a, Expr b) => a.Pool.Add(a, b);

    public static Expr operator +(double a, Expr b) => b.Pool.Add(b.Pool.Constant(a), b);

    public static Expr operator -(Expr a, Expr b) => a.Pool.Subtract(a, b);

    public static Expr operator -(double a, Expr b) => b.Pool.Subtract(b.Pool.Constant(a), b);

    public static Expr operator -(Expr a, double b) => a.Pool.Subtract(a, a.Pool.Constant(b));

    public static Expr operator -(Expr a) => a.Pool.Negate(a);

    public static Expr operator *(Expr a, Expr b) => a.Pool.Multiply(a, b);

    public static Expr operator *(double a, Expr b) => b.Pool.Multiply(b.Pool.Constant(a), b);

    public static Expr operator /(Expr a, Expr b) => a.Pool.Divide(a, b);

    public static Expr operator /(double a, Expr b) => b.Pool.Divide(b.Pool.Constant(a), b);

    public override string ToString() => FormulaPrinter.Print(this, i => "x" + i);
}
