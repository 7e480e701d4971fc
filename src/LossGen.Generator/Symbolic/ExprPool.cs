using System;
using System.Collections.Generic;

namespace LossGen.Generator.Symbolic;

/// <summary>
/// Creates hash-consed <see cref="Expr"/> nodes. Every constructor simplifies locally (constant folding,
/// identities, canonical operand order) before looking the node up, so equal subexpressions are one node and
/// derivatives come out small without a separate rewriting pass.
/// </summary>
/// <remarks>
/// A <see cref="Recording"/> pool simplifies nothing: it keeps each operation as the body writes it. The body reader
/// records into one, so that what the incremental pipeline compares is the body as written, and simplifying,
/// differentiating and emitting happen in later steps, from <see cref="FlatExpression.Load"/> into a simplifying pool.
/// </remarks>
internal sealed class ExprPool
{
    private readonly Dictionary<NodeKey, Expr> _nodes = new();
    private readonly Dictionary<Expr, string> _names = new();
    private readonly bool _records;

    /// <param name="singlePrecision">Folds constants in <c>float</c> arithmetic, as the loss will compute them.</param>
    public ExprPool(bool singlePrecision)
        : this(singlePrecision, records: false)
    {
    }

    private ExprPool(bool singlePrecision, bool records)
    {
        SinglePrecision = singlePrecision;
        _records = records;
    }

    public bool SinglePrecision { get; }

    /// <summary>A pool that records operations as written, simplifying nothing (see the remarks).</summary>
    public static ExprPool Recording(bool singlePrecision) => new(singlePrecision, records: true);

    public Expr Zero => Constant(0);

    public Expr One => Constant(1);

    /// <summary>The user's name for a node (a local of the loss body), if it has one.</summary>
    public string? NameOf(Expr node) => _names.TryGetValue(node, out var name) ? name : null;

    /// <summary>Remembers the first name a node was given; constants and inputs keep their own spelling.</summary>
    public void Name(Expr node, string name)
    {
        if (node.Op is not (Op.Constant or Op.Variable) && !_names.ContainsKey(node))
        {
            _names.Add(node, name);
        }
    }

    public Expr Constant(double value) => Intern(Op.Constant, Round(value), 0, Array.Empty<Expr>());

    public Expr Variable(int index) => Intern(Op.Variable, 0, index, Array.Empty<Expr>());

    /// <summary>Row input <paramref name="row"/> at the class-index target (<see cref="Op.RowAt"/>).</summary>
    public Expr RowAt(int row) => Intern(Op.RowAt, 0, row, Array.Empty<Expr>());

    /// <summary>The number of classes (<see cref="Op.RowLength"/>).</summary>
    public Expr RowLength() => Intern(Op.RowLength, 0, 0, Array.Empty<Expr>());

    /// <summary>
    /// A row reduction of <paramref name="element"/>. Of a constant it folds: Σⱼ c = c·C, max c = c,
    /// log Σⱼ exp c = c + log C, which is what an unset class weight (1) leaves of the weighted sums.
    /// </summary>
    public Expr Reduce(Op reduction, Expr element)
    {
        if (_records)
        {
            return Intern(reduction, element);
        }

        if (element.IsConstant)
        {
            return reduction switch
            {
                Op.RowSum => Multiply(element, RowLength()),
                Op.RowMax => element,
                _ => Add(element, Apply(Op.Log, RowLength())),
            };
        }

        return Intern(reduction, element);
    }

    public Expr Add(Expr a, Expr b)
    {
        if (_records)
        {
            return Intern(Op.Add, a, b);
        }

        if (a.IsConstant && b.IsConstant)
        {
            return Constant(a.Value + b.Value);
        }

        if (a.Is(0))
        {
            return b;
        }

        if (b.Is(0))
        {
            return a;
        }

        if (a == b)
        {
            return Multiply(Constant(2), a);
        }

        if (b.Op == Op.Negate)
        {
            return Subtract(a, b[0]);
        }

        if (a.Op == Op.Negate)
        {
            return Subtract(b, a[0]);
        }

        if (b.IsConstant && b.Value < 0)
        {
            return Subtract(a, Constant(-b.Value));
        }

        if (a.IsConstant && a.Value < 0)
        {
            return Subtract(b, Constant(-a.Value));
        }

        return Commutative(Op.Add, a, b);
    }

    public Expr Subtract(Expr a, Expr b)
    {
        if (_records)
        {
            return Intern(Op.Subtract, a, b);
        }

        if (a.IsConstant && b.IsConstant)
        {
            return Constant(a.Value - b.Value);
        }

        if (b.Is(0))
        {
            return a;
        }

        if (a.Is(0))
        {
            return Negate(b);
        }

        if (a == b)
        {
            return Zero;
        }

        if (b.Op == Op.Negate)
        {
            return Add(a, b[0]);
        }

        if (b.IsConstant && b.Value < 0)
        {
            return Add(a, Constant(-b.Value));
        }

        if (b.Op == Op.Multiply && b[0].IsConstant && b[0].Value < 0)
        {
            return Add(a, Multiply(Constant(-b[0].Value), b[1]));
        }

        return Intern(Op.Subtract, a, b);
    }

    public Expr Negate(Expr a)
    {
        if (_records)
        {
            return Intern(Op.Negate, a);
        }

        return a.Op switch
        {
            Op.Constant => Constant(-a.Value),
            Op.Negate => a[0],
            Op.Subtract => Subtract(a[1], a[0]),
            _ => Intern(Op.Negate, a),
        };
    }

    public Expr Multiply(Expr a, Expr b)
    {
        if (_records)
        {
            return Intern(Op.Multiply, a, b);
        }

        if (a.IsConstant && b.IsConstant)
        {
            return Constant(a.Value * b.Value);
        }

        if (b.IsConstant)
        {
            (a, b) = (b, a);
        }

        if (a.IsConstant)
        {
            if (a.Value == 0)
            {
                return Zero;
            }

            if (a.Value == 1)
            {
                return b;
            }

            if (a.Value == -1)
            {
                return Negate(b);
            }

            if (b.Op == Op.Multiply && b[0].IsConstant)
            {
                return Multiply(Constant(a.Value * b[0].Value), b[1]);
            }

        }

        if (b.Op == Op.Multiply && b[0].IsConstant && NameOf(b) is null)
        {
            return Multiply(b[0], Multiply(a, b[1]));
        }

        if (a.Op == Op.Multiply && a[0].IsConstant && NameOf(a) is null)
        {
            return Multiply(a[0], Multiply(a[1], b));
        }

        if (a.Op == Op.Negate || b.Op == Op.Negate)
        {
            var product = Multiply(a.Op == Op.Negate ? a[0] : a, b.Op == Op.Negate ? b[0] : b);
            return a.Op == Op.Negate && b.Op == Op.Negate ? product : Negate(product);
        }

        if (b.Op == Op.Divide && b[0].Is(1))
        {
            return Divide(a, b[1]);
        }

        if (a.Op == Op.Divide && a[0].Is(1))
        {
            return Divide(b, a[1]);
        }

        if (SelectsConstant(b))
        {
            return Conditional(b[0], Multiply(a, b[1]), Multiply(a, b[2]));
        }

        if (SelectsConstant(a))
        {
            return Conditional(a[0], Multiply(a[1], b), Multiply(a[2], b));
        }

        return Commutative(Op.Multiply, a, b);
    }

    /// <summary>
    /// a · b exactly as given, without <see cref="Multiply"/>'s rewrites: for the passes that choose an expression's
    /// form for speed once it is differentiated (<see cref="LogisticSharing"/> keeps e · (1 / (1 + e)), which shares
    /// the division, rather than e / (1 + e)).
    /// </summary>
    public Expr ProductAsWritten(Expr a, Expr b) => Intern(Op.Multiply, a, b);

    public Expr Divide(Expr a, Expr b)
    {
        if (_records)
        {
            return Intern(Op.Divide, a, b);
        }

        if (a.IsConstant && b.IsConstant && b.Value != 0)
        {
            return Constant(a.Value / b.Value);
        }

        if (a.Is(0) || b.Is(1))
        {
            return a;
        }

        if (b.Is(-1))
        {
            return Negate(a);
        }

        if (a.Op == Op.Negate)
        {
            return Negate(Divide(a[0], b));
        }

        if (b.Op == Op.Negate)
        {
            return Negate(Divide(a, b[0]));
        }

        if (SelectsConstant(a))
        {
            return Conditional(a[0], Divide(a[1], b), Divide(a[2], b));
        }

        return Intern(Op.Divide, a, b);
    }

    public Expr Pow(Expr x, Expr exponent)
    {
        if (_records)
        {
            return Intern(Op.Pow, x, exponent);
        }

        if (exponent.Is(1))
        {
            return x;
        }

        if (exponent.Is(0))
        {
            return One;
        }

        if (exponent.Is(2))
        {
            return Multiply(x, x);
        }

        if (exponent.Is(-1))
        {
            return Divide(One, x);
        }

        return Intern(Op.Pow, x, exponent);
    }

    /// <summary>A function or comparison applied to its arguments (see <see cref="OpInfo"/>).</summary>
    public Expr Apply(Op op, params Expr[] args)
    {
        if (_records)
        {
            return Intern(op, 0, 0, args);
        }

        return op switch
        {
            Op.Add => Add(args[0], args[1]),
            Op.Subtract => Subtract(args[0], args[1]),
            Op.Multiply => Multiply(args[0], args[1]),
            Op.Divide => Divide(args[0], args[1]),
            Op.Negate => Negate(args[0]),
            Op.Pow => Pow(args[0], args[1]),
            Op.Conditional => Conditional(args[0], args[1], args[2]),
            Op.And => And(args[0], args[1]),
            Op.Or => Or(args[0], args[1]),
            Op.Not => Not(args[0]),
            Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual or Op.Equal or Op.NotEqual =>
                Compare(op, args[0], args[1]),
            Op.LogSigmoid or Op.Softplus => Softplus(op, args[0]),
            // max(a, a) is a, NaN included; its tie rule would otherwise compare a with itself in generated code.
            Op.Max or Op.Min when args[0] == args[1] => args[0],
            Op.RowSum or Op.RowMax or Op.RowLogSumExp => Reduce(op, args[0]),
            _ => Intern(op, 0, 0, args),
        };
    }

    /// <summary>
    /// softplus(x) and logsigmoid(-x) are one function up to sign: where the other spelling of the same value already
    /// exists, it is reused (logsigmoid(x) = -softplus(-x)), so that focal-style losses that use both compute it once.
    /// </summary>
    private Expr Softplus(Op op, Expr x)
    {
        var other = op == Op.Softplus ? Op.LogSigmoid : Op.Softplus;
        var negated = x.Op == Op.Negate ? x[0] : _nodes.TryGetValue(new NodeKey(Op.Negate, 0, 0, new[] { x }), out var found) ? found : null;
        return negated is not null && _nodes.TryGetValue(new NodeKey(other, 0, 0, new[] { negated }), out var existing)
            ? Negate(existing)
            : Intern(op, 0, 0, new[] { x });
    }

    public Expr Compare(Op comparison, Expr a, Expr b)
    {
        if (_records)
        {
            return Intern(comparison, a, b);
        }

        if (a.IsConstant && b.IsConstant)
        {
            return Truth(comparison switch
            {
                Op.Less => a.Value < b.Value,
                Op.LessOrEqual => a.Value <= b.Value,
                Op.Greater => a.Value > b.Value,
                Op.GreaterOrEqual => a.Value >= b.Value,
                Op.Equal => a.Value == b.Value,
                _ => a.Value != b.Value,
            });
        }

        if (a == b && comparison is Op.Less or Op.Greater)
        {
            // False for every value, NaN included; left in, it would be C#'s warning CS1718 in generated code.
            return Truth(false);
        }

        return Intern(comparison, a, b);
    }

    public Expr And(Expr a, Expr b) =>
        _records ? Intern(Op.And, a, b) : IsTrue(a) ? b : IsTrue(b) ? a : IsFalse(a) || IsFalse(b) ? Truth(false) : Intern(Op.And, a, b);

    public Expr Or(Expr a, Expr b) =>
        _records ? Intern(Op.Or, a, b) : IsFalse(a) ? b : IsFalse(b) ? a : IsTrue(a) || IsTrue(b) ? Truth(true) : Intern(Op.Or, a, b);

    public Expr Not(Expr a) => _records ? Intern(Op.Not, a) : a.IsConstant ? Truth(!IsTrue(a)) : a.Op == Op.Not ? a[0] : Intern(Op.Not, a);

    public Expr Conditional(Expr condition, Expr whenTrue, Expr whenFalse)
    {
        if (_records)
        {
            return Intern(Op.Conditional, 0, 0, new[] { condition, whenTrue, whenFalse });
        }

        if (whenTrue == whenFalse)
        {
            return whenTrue;
        }

        if (condition.IsConstant)
        {
            return IsTrue(condition) ? whenTrue : whenFalse;
        }

        return Intern(Op.Conditional, 0, 0, new[] { condition, whenTrue, whenFalse });
    }

    /// <summary>Conditions are stored as the constants 1 (true) and 0 (false) once they fold.</summary>
    public Expr Truth(bool value) => Constant(value ? 1 : 0);

    private static bool IsTrue(Expr condition) => condition.IsConstant && condition.Value != 0;

    private static bool IsFalse(Expr condition) => condition.Is(0);

    /// <summary>
    /// <c>c ? 1 : 0</c>-like selections: a product with one is pushed into the branches, so the derivative of a
    /// piecewise loss reads <c>c ? a : 0</c> instead of <c>a * (c ? 1 : 0)</c>, with nothing duplicated.
    /// </summary>
    /// <summary>
    /// A conditional choosing among constants (possibly through nested conditionals), such as the kink rules' 1 / ½ / 0.
    /// A product or quotient with one is pushed into its branches, so that a branch that selects 0 stays an exact 0
    /// even where the other factor is infinite or NaN (PyTorch's masked gradients: 0 · (1 / 0) must not become NaN).
    /// </summary>
    private static bool SelectsConstant(Expr e) =>
        e.Op == Op.Conditional && IsConstantOrSelection(e[1]) && IsConstantOrSelection(e[2]);

    private static bool IsConstantOrSelection(Expr e) => e.IsConstant || SelectsConstant(e);

    private double Round(double value) => SinglePrecision ? (float)value : value;

    /// <summary>
    /// Constants first; otherwise the operands keep the user's order unless the swapped node already exists, so
    /// <c>a * b</c> and <c>b * a</c> are one node and the code still reads as written.
    /// </summary>
    private Expr Commutative(Op op, Expr a, Expr b)
    {
        if (b.IsConstant && !a.IsConstant)
        {
            return Intern(op, b, a);
        }

        return _nodes.TryGetValue(new NodeKey(op, 0, 0, new[] { b, a }), out var swapped) ? swapped : Intern(op, a, b);
    }

    private Expr Intern(Op op, params Expr[] args) => Intern(op, 0, 0, args);

    private Expr Intern(Op op, double value, int variable, Expr[] args)
    {
        var key = new NodeKey(op, value, variable, args);
        if (!_nodes.TryGetValue(key, out var node))
        {
            node = new Expr(this, _nodes.Count, op, value, variable, args);
            _nodes.Add(key, node);
        }

        return node;
    }

    private readonly struct NodeKey : IEquatable<NodeKey>
    {
        private readonly Op _op;
        private readonly double _value;
        private readonly int _variable;
        private readonly int _a;
        private readonly int _b;
        private readonly int _c;

        public NodeKey(Op op, double value, int variable, Expr[] args)
        {
            _op = op;
            _value = value;
            _variable = variable;
            _a = args.Length > 0 ? args[0].Id : -1;
            _b = args.Length > 1 ? args[1].Id : -1;
            _c = args.Length > 2 ? args[2].Id : -1;
        }

        public bool Equals(NodeKey other) =>
            _op == other._op && _value.Equals(other._value) && _variable == other._variable &&
            _a == other._a && _b == other._b && _c == other._c;

        public override bool Equals(object? obj) => obj is NodeKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = ((int)_op * 397) ^ _value.GetHashCode();
                hash = (hash * 397) ^ _variable;
                hash = (hash * 397) ^ _a;
                hash = (hash * 397) ^ _b;
                return (hash * 397) ^ _c;
            }
        }
    }
}
