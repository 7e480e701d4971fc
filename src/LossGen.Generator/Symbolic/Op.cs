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
}
