namespace LossGen.Generator.Symbolic;

/// <summary>Every operation the expression IR knows. Functions are units: each has its own derivative rule.</summary>
internal enum Op
{
    Constant,
    Variable,

    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Pow,

    Abs,
    Sign,
    Max,
    Min,
    Clamp,
    Exp,
    Log,
    Log2,
    Log10,
    Sqrt,
    Cbrt,
    Tanh,
    Sinh,
    Cosh,
    Sin,
    Cos,
    Tan,
    Atan,

    Log1p,
    Expm1,
    Sigmoid,
    Softplus,
    LogSigmoid,
    LogCosh,
    Xlogy,

    Conditional,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Not,

    /// <summary>A row input at the class-index target (<c>logits[target]</c>); <see cref="Expr.Variable"/> is the row's input.</summary>
    RowAt,

    /// <summary>The number of classes, the length of every row (<c>logits.Length</c>).</summary>
    RowLength,

    /// <summary>Σⱼ f(j): the one argument is f, in which an input that is a row stands for its element j.</summary>
    RowSum,

    /// <summary>maxⱼ f(j), its argument read as <see cref="RowSum"/>'s.</summary>
    RowMax,

    /// <summary>log Σⱼ exp f(j), its argument read as <see cref="RowSum"/>'s.</summary>
    RowLogSumExp,
}
