using System.Collections.Generic;

namespace LossGen.Generator.Symbolic;

/// <summary>Where a function lives in C#: .NET's <c>Math</c>/<c>MathF</c>, or LossGen's stable <c>LossMath</c>.</summary>
internal enum FunctionHome
{
    None,
    Math,
    LossMath,
}

/// <summary>The static facts of one <see cref="Op"/>: its name, arity and how it is spelled.</summary>
internal sealed class OpInfo
{
    private static readonly Dictionary<Op, OpInfo> Table = Build();

    private OpInfo(Op op, string name, int arity, FunctionHome home, FunctionHome emitHome, bool isBoolean, bool isRowReduction = false)
    {
        IsRowReduction = isRowReduction;
        Op = op;
        Name = name;
        Arity = arity;
        Home = home;
        EmitHome = emitHome;
        IsBoolean = isBoolean;
    }

    public Op Op { get; }

    /// <summary>The C# method name of a function, or the operator's symbol.</summary>
    public string Name { get; }

    public int Arity { get; }

    public FunctionHome Home { get; }

    /// <summary>
    /// Where generated code calls the function; differs from <see cref="Home"/> where .NET's version is unfit
    /// (<c>Math.Sign</c> returns <c>int</c> and throws on NaN).
    /// </summary>
    public FunctionHome EmitHome { get; }

    /// <summary>Whether the operation yields a condition rather than a number.</summary>
    public bool IsBoolean { get; }

    /// <summary>Whether the operation reduces a row: its argument is a function of the row's element j.</summary>
    public bool IsRowReduction { get; }

    /// <summary>
    /// Whether the function costs many instructions in vector code (a polynomial evaluation or more: Exp, Log, Tanh, …),
    /// unlike the ones that are an instruction or two (Abs, Sign, Max, Min, Clamp, Sqrt).
    /// </summary>
    public bool IsCostly => Home != FunctionHome.None && Op is not (Op.Abs or Op.Sign or Op.Max or Op.Min or Op.Clamp or Op.Sqrt);

    public static OpInfo Of(Op op) => Table[op];

    /// <summary>The functions a loss body may call, by their C# name, for one home.</summary>
    public static IEnumerable<OpInfo> Functions(FunctionHome home)
    {
        foreach (var info in Table.Values)
        {
            if (info.Home == home)
            {
                yield return info;
            }
        }
    }

    private static Dictionary<Op, OpInfo> Build()
    {
        var table = new Dictionary<Op, OpInfo>();
        void Operator(Op op, string symbol, int arity, bool isBoolean = false) =>
            table.Add(op, new OpInfo(op, symbol, arity, FunctionHome.None, FunctionHome.None, isBoolean));
        void Function(Op op, int arity, FunctionHome home, FunctionHome? emitHome = null) =>
            table.Add(op, new OpInfo(op, op.ToString(), arity, home, emitHome ?? home, isBoolean: false));

        Operator(Op.Constant, "", 0);
        Operator(Op.Variable, "", 0);
        Operator(Op.Add, "+", 2);
        Operator(Op.Subtract, "-", 2);
        Operator(Op.Multiply, "*", 2);
        Operator(Op.Divide, "/", 2);
        Operator(Op.Negate, "-", 1);
        Operator(Op.Conditional, "?:", 3);
        Operator(Op.Less, "<", 2, isBoolean: true);
        Operator(Op.LessOrEqual, "<=", 2, isBoolean: true);
        Operator(Op.Greater, ">", 2, isBoolean: true);
        Operator(Op.GreaterOrEqual, ">=", 2, isBoolean: true);
        Operator(Op.Equal, "==", 2, isBoolean: true);
        Operator(Op.NotEqual, "!=", 2, isBoolean: true);
        Operator(Op.And, "&&", 2, isBoolean: true);
        Operator(Op.Or, "||", 2, isBoolean: true);
        Operator(Op.Not, "!", 1, isBoolean: true);

        // Row operations are read from LossMath's row functions and span members by the body reader, not by name.
        Operator(Op.RowAt, "[]", 0);
        Operator(Op.RowLength, "Length", 0);
        foreach (var (op, name) in new[] { (Op.RowSum, "Sum"), (Op.RowMax, "Max"), (Op.RowLogSumExp, "LogSumExp") })
        {
            table.Add(op, new OpInfo(op, name, 1, FunctionHome.None, FunctionHome.None, isBoolean: false, isRowReduction: true));
        }

        Function(Op.Pow, 2, FunctionHome.Math);
        Function(Op.Abs, 1, FunctionHome.Math);
        Function(Op.Sign, 1, FunctionHome.Math, emitHome: FunctionHome.LossMath);
        Function(Op.Max, 2, FunctionHome.Math);
        Function(Op.Min, 2, FunctionHome.Math);
        Function(Op.Clamp, 3, FunctionHome.Math);
        Function(Op.Exp, 1, FunctionHome.Math);
        Function(Op.Log, 1, FunctionHome.Math);
        Function(Op.Log2, 1, FunctionHome.Math);
        Function(Op.Log10, 1, FunctionHome.Math);
        Function(Op.Sqrt, 1, FunctionHome.Math);
        Function(Op.Cbrt, 1, FunctionHome.Math);
        Function(Op.Tanh, 1, FunctionHome.Math);
        Function(Op.Sinh, 1, FunctionHome.Math);
        Function(Op.Cosh, 1, FunctionHome.Math);
        Function(Op.Sin, 1, FunctionHome.Math);
        Function(Op.Cos, 1, FunctionHome.Math);
        Function(Op.Tan, 1, FunctionHome.Math);
        Function(Op.Atan, 1, FunctionHome.Math);

        Function(Op.Log1p, 1, FunctionHome.LossMath);
        Function(Op.Expm1, 1, FunctionHome.LossMath);
        Function(Op.Sigmoid, 1, FunctionHome.LossMath);
        Function(Op.Softplus, 1, FunctionHome.LossMath);
        Function(Op.LogSigmoid, 1, FunctionHome.LossMath);
        Function(Op.LogCosh, 1, FunctionHome.LossMath);
        Function(Op.Xlogy, 2, FunctionHome.LossMath);
        return table;
    }
}
