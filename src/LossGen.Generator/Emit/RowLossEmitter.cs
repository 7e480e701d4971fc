using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// The last phase for a row-wise loss: the defining declaration and a <c>{Name}Loss</c> type deriving from the runtime's
/// <c>ClassIndexRowLoss</c> or <c>RowTargetLoss</c>, which hold the batch API, the argument checks and the loop over rows.
/// The type holds its formula, constructor, hyperparameters and a nested <c>Kernel</c> struct with the row math
/// (<see cref="RowKernelWriter"/>): the loss of a row and the loss with its gradient, each with and without per-class
/// weights.
/// </summary>
internal sealed class RowLossEmitter
{
    private const string Span = LossEmitter.Span;
    private const string ReadOnlySpan = LossEmitter.ReadOnlySpan;

    private readonly LossModel _model;
    private readonly ElementSyntax _element;
    private readonly string _t;
    private readonly LossParameter _prediction;
    private readonly LossParameter _target;
    private readonly LossParameter? _classWeights;
    private readonly List<LossParameter> _hyperparameters;
    private readonly bool _classIndex;
    private readonly string _formula = "";

    /// <summary>The decomposition without per-class weights (all 1), and with them when the loss takes them; null when the body has errors.</summary>
    private readonly RowDecomposition? _plain;
    private readonly RowDecomposition? _weighted;

    private RowLossEmitter(LossModel model)
    {
        _model = model;
        _element = ElementSyntax.Of(model);
        _t = _element.Name;
        var parameters = model.Parameters.ToList();
        _prediction = parameters[0];
        _target = parameters[1];
        _classWeights = parameters.FirstOrDefault(p => p.Role == ParameterRole.ClassWeights);
        _hyperparameters = parameters.Where(p => p.Role == ParameterRole.Hyperparameter).ToList();
        _classIndex = model.Shape == LossShape.ClassIndexRow;
        if (model.Body is null)
        {
            return;
        }

        var pool = new ExprPool(model.ElementType == ElementType.Float);
        var body = model.Body.Load(pool);
        _formula = FormulaPrinter.Print(body, i => parameters[i].Name, _target.Name);
        string Name(int i) => parameters[i].Name;
        var isRow = IsRow(model);
        if (_classWeights is not null)
        {
            var weights = parameters.IndexOf(_classWeights);
            _weighted = RowDecomposition.Create(body, parameters.Count, 0, Name, isRow);
            var unweighted = Substitution.Apply(body, n => n.Op is Op.Variable or Op.RowAt && n.Variable == weights ? pool.One : null);
            _plain = RowDecomposition.Create(unweighted, parameters.Count, 0, Name, isRow);
        }
        else
        {
            _plain = RowDecomposition.Create(body, parameters.Count, 0, Name, isRow);
        }
    }

    public static string Emit(LossModel model) => new RowLossEmitter(model).Write();

    /// <summary>Whether input i of a row loss is a row (the prediction, a target row, the class weights) rather than a number.</summary>
    public static Func<int, bool> IsRow(LossModel model)
    {
        var parameters = model.Parameters.ToList();
        return i => parameters[i].Role switch
        {
            ParameterRole.Hyperparameter => false,
            ParameterRole.Target => model.Shape != LossShape.ClassIndexRow,
            _ => true,
        };
    }

    private string Prediction => _prediction.Name;

    private string Target => _target.Name;

    /// <summary><c>&lt;T&gt;</c> after the method's and the type's names when the loss is generic.</summary>
    private string TypeArguments => _element.IsGeneric ? $"<{_t}>" : "";

    private string Write() => LossEmitter.WriteFile(_model, writer =>
    {
        // C# cannot write a default of a type parameter (CS1750); a generic loss's defaults live in its type's constructor.
        var parameters = string.Join(", ", _model.Parameters.Select(p => $"{ParameterType(p)} {p.Name}" + (p.Default is null || _element.IsGeneric ? "" : " = " + _element.Number(p.Default.Value))));
        var constraints = _element.IsGeneric ? $" where {_t} : {_model.MethodConstraints}" : "";
        writer.Line($"{_model.MethodModifiers} {_t} {_model.MethodName}{TypeArguments}({parameters}){constraints};");
        if (_model.GeneratesType)
        {
            writer.Line();
            WriteType(writer);
        }
    });

    private string ParameterType(LossParameter p) => p.Role switch
    {
        ParameterRole.Hyperparameter => _t,
        ParameterRole.Target when _classIndex => "int",
        _ => $"{ReadOnlySpan}<{_t}>",
    };

    private void WriteType(IndentedWriter writer)
    {
        var cref = $"{_model.MethodName}{(_element.IsGeneric ? "{" + _t + "}" : "")}({string.Join(", ", _model.Parameters.Select(p => ParameterType(p).Replace("global::", "").Replace('<', '{').Replace('>', '}')))})";
        writer.Line("/// <summary>");
        writer.Line($"/// The row-wise loss <see cref=\"{cref}\"/> and its gradient over batches of rows, generated by LossGen.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line($"/// <para>ℓ = <c>{LossEmitter.Xml(_formula)}</c></para>");
        writer.Line($"/// <para>A batch is <c>rows × classes</c> values in one span, row-major: row n is {Prediction}[n·classes .. (n + 1)·classes).");
        writer.Line(_classIndex
            ? $"/// Each row's target is a class index; rows whose target is <see cref=\"ClassIndexRowLoss{{T, TKernel}}.IgnoreIndex\"/> add 0 and are left out of the mean.</para>"
            : $"/// Each row's target is a row of {Target} of the same shape.</para>");
        writer.Line("/// </remarks>");
        if (_element.IsGeneric)
        {
            writer.Line($"/// <typeparam name=\"{_t}\">The element type: <see cref=\"float\"/>, <see cref=\"double\"/> or another IEEE 754 type.</typeparam>");
        }

        writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"LossGen\", \"{LossEmitter.Version}\")]");
        var type = _model.TypeName + TypeArguments;
        var baseType = $"{(_classIndex ? "ClassIndexRowLoss" : "RowTargetLoss")}<{_t}, {type}.Kernel>";
        using (writer.Block($"public sealed class {type} : {baseType}{LossEmitter.TypeConstraintsOf(_model, _element)}"))
        {
            writer.Line("/// <summary>The loss of one row, in readable math.</summary>");
            writer.Line($"public const string Formula = {LossEmitter.Quote(_formula)};");
            var kernelArguments = string.Join(", ", KernelHyperparameters().Select(p => p.Default is { } fallback && _element.IsGeneric ? $"{p.Name} ?? {_element.Number(fallback)}" : p.Name));
            LossEmitter.WriteConstructor(writer, _model, _element, $"base(new Kernel({kernelArguments}), Formula)");
            if (_classWeights is not null)
            {
                writer.Line();
                writer.Line("/// <summary>");
                writer.Line($"/// The per-class weights <c>{_classWeights.Name}</c>, one per class, finite and not negative; empty (the default) means all 1. The");
                writer.Line("/// mean of a batch divides by Σₙ w[yₙ] over the rows not ignored, as PyTorch's <c>cross_entropy</c> with <c>weight</c>.");
                writer.Line("/// The weights are copied.");
                writer.Line("/// </summary>");
                writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A weight is negative, infinite or NaN.</exception>");
                using (writer.Block($"public global::System.ReadOnlyMemory<{_t}> ClassWeights"))
                {
                    writer.Line("get => ClassWeightValues;");
                    writer.Line("init => ClassWeightValues = value;");
                }
            }

            writer.Line();
            WriteKernel(writer, type);
        }
    }

    /// <summary>A type's name as a cref: <c>MLoss{T}</c>.</summary>
    private static string Cref(string type) => type.Replace('<', '{').Replace('>', '}');

    /// <summary>The hyperparameters the row math reads: the kernel's fields.</summary>
    private List<LossParameter> KernelHyperparameters()
    {
        var used = new HashSet<int>(new[] { _plain, _weighted }
            .Where(d => d is not null)
            .SelectMany(d => FlatExpression.Reachable(RowKernelWriter.Expressions(d!)))
            .Where(n => n.Op == Op.Variable)
            .Select(n => n.Variable));
        return _hyperparameters.Where(p => used.Contains(_model.Parameters.ToList().IndexOf(p))).ToList();
    }

    /// <summary>The kernel: the row math with the hyperparameters as its fields, the pass structs it runs over a row nested in it.</summary>
    private void WriteKernel(IndentedWriter writer, string type)
    {
        var hyperparameters = KernelHyperparameters();
        var fields = hyperparameters.Count == 0 ? "" : $"({string.Join(", ", hyperparameters.Select(p => $"{_t} {p.Name}"))})";
        var contract = $"Kernels.{(_classIndex ? "IClassIndexRowKernel" : "IRowTargetKernel")}<{_t}>";
        writer.Line($"/// <summary>The math of <see cref=\"{Cref(type)}\"/> for one row: its passes over the row and the scalar stage between them.</summary>");
        using (writer.Block($"public readonly struct Kernel{fields} : {contract}"))
        {
            var passes = new RowPassSet(_model.Parameters.Select(p => p.Name).Concat(new[] { "Kernel", "Value", "ValueAndGradient", "HasClassWeights" }));
            if (_classWeights is not null)
            {
                writer.Line("/// <inheritdoc/>");
                writer.Line("public static bool HasClassWeights => true;");
                writer.Line();
            }

            var first = true;
            foreach (var classWeighted in _classWeights is null ? new[] { false } : new[] { false, true })
            {
                var decomposition = classWeighted ? _weighted : _plain;
                foreach (var gradient in new[] { false, true })
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    writer.Line("/// <inheritdoc/>");
                    var signature = $"public {_t} {(gradient ? "ValueAndGradient" : "Value")}({KernelParameters(classWeighted, gradient)})";
                    if (decomposition is null)
                    {
                        writer.Line(signature);
                        writer.Line($"    => throw new global::System.InvalidOperationException(\"The body of {_model.MethodName} has errors that LossGen reported.\");");
                        continue;
                    }

                    using (writer.Block(signature))
                    {
                        new RowKernelWriter(_model, _element, decomposition, classWeighted, gradient, passes).Write(writer);
                    }
                }
            }

            passes.Write(writer);
        }
    }

    /// <summary>The parameters of a kernel method, in the order of the kernel interface: row, target, class weights, then gradient and scale.</summary>
    private string KernelParameters(bool classWeighted, bool gradient)
    {
        var parameters = _model.Parameters
            .Where(p => p.Role is ParameterRole.Prediction or ParameterRole.Target || (p.Role == ParameterRole.ClassWeights && classWeighted))
            .OrderBy(p => p.Role switch { ParameterRole.Prediction => 0, ParameterRole.Target => 1, _ => 2 })
            .Select(p => $"{ParameterType(p)} {p.Name}");
        var (gradientName, scaleName) = RowKernelWriter.OutputNames(_model);
        return string.Join(", ", gradient ? parameters.Append($"{Span}<{_t}> {gradientName}").Append($"{_t} {scaleName}") : parameters);
    }
}
