using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Generator.Model;
using LossGen.Generator.Symbolic;

namespace LossGen.Generator.Emit;

/// <summary>
/// The last phase: writes the defining declaration of the user's partial method and the <c>{Name}Loss</c> type
/// with its scalar and batch methods. The per-element math goes into three private kernels (value, gradient,
/// both); the public methods are loops over them.
/// </summary>
internal sealed class LossEmitter
{
    internal static readonly string Version = typeof(LossEmitter).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

    internal const string Span = "global::System.Span";
    internal const string ReadOnlySpan = "global::System.ReadOnlySpan";
    internal const string Reduction = "global::LossGen.Reduction";
    internal const string Guard = "global::LossGen.Internal.LossGuard";
    internal const string Modes = "global::LossGen.Internal.BatchModes.";
    private const string LabelsType = "global::LossGen.LossLabels";

    private readonly LossModel _model;
    private readonly ElementSyntax _element;
    private readonly string _t;
    private readonly List<LossParameter> _inputs;
    private readonly List<LossParameter> _extras;
    private readonly List<LossParameter> _differentiable;
    private readonly Expr? _value;
    private readonly List<Expr> _derivatives = new();
    private readonly string _formula = "";
    private readonly List<string> _derivativeFormulas = new();

    /// <summary>∂²ℓ/∂prediction², from the shared graph of the first derivative.</summary>
    private readonly Expr? _secondDerivative;
    private readonly string _secondDerivativeFormula = "";

    private LossEmitter(LossModel model)
    {
        _model = model;
        _element = ElementSyntax.Of(model);
        _t = _element.Name;
        var parameters = model.Parameters.ToList();
        _inputs = parameters.Where(p => p.Role != ParameterRole.Hyperparameter).ToList();
        _extras = parameters.Where(p => p.Role == ParameterRole.PerElement).ToList();
        _differentiable = parameters.Where(p => p.Differentiable).ToList();
        if (model.Body is not null)
        {
            var pool = new ExprPool(model.ElementType == ElementType.Float);
            _value = model.Body.Load(pool);
            _formula = FormulaPrinter.Print(_value, i => parameters[i].Name);
            foreach (var input in _differentiable)
            {
                var derivative = Differentiator.Differentiate(_value, parameters.IndexOf(input));
                _derivatives.Add(derivative);
                _derivativeFormulas.Add(FormulaPrinter.Print(derivative, i => parameters[i].Name));
            }

            _secondDerivative = Differentiator.Differentiate(_derivatives[0], 0);
            _secondDerivativeFormula = FormulaPrinter.Print(_secondDerivative, i => parameters[i].Name);
        }
        else
        {
            _derivativeFormulas.AddRange(_differentiable.Select(_ => ""));
        }
    }

    /// <summary>The generated file of <paramref name="model"/>, with what emitting it found; never throws.</summary>
    public static GeneratedLoss Emit(LossModel model)
    {
        try
        {
            var source = model.Shape == LossShape.Element ? new LossEmitter(model).Write() : RowLossEmitter.Emit(model);
            return new GeneratedLoss(model.HintName, model.MethodName, source, IsConstant(model), null);
        }
        catch (Exception exception)
        {
            return new GeneratedLoss(model.HintName, model.MethodName, null, false, exception.Message);
        }
    }

    /// <summary>Whether the loss's derivative with respect to its prediction is 0 everywhere.</summary>
    private static bool IsConstant(LossModel model)
    {
        if (model.Body is null)
        {
            return false;
        }

        var body = model.Body.Load(new ExprPool(model.ElementType == ElementType.Float));
        return model.Shape == LossShape.Element
            ? Differentiator.Differentiate(body, 0).Is(0)
            : RowDecomposition.Create(body, model.Parameters.Count, 0, i => model.Parameters[i].Name).GradientIsZero;
    }

    private bool ImplementsInterface => _model.HasTarget && _extras.Count == 0;

    private string DefaultReduction => _model.HasTarget ? "Mean" : "Sum";

    /// <summary><c>&lt;T&gt;</c> after the method's and the type's names when the loss is generic.</summary>
    private string TypeArguments => _element.IsGeneric ? $"<{_t}>" : "";

    /// <inheritdoc cref="TypeConstraintsOf"/>
    private string TypeConstraints => TypeConstraintsOf(_model, _element);

    /// <summary>
    /// The generated type's constraints: the method's, with <c>struct</c> so that a hyperparameter without a value
    /// can be <c>T? name = null</c> and the vector code can take T.
    /// </summary>
    internal static string TypeConstraintsOf(LossModel model, ElementSyntax element)
    {
        if (!element.IsGeneric)
        {
            return "";
        }

        var constraints = model.MethodConstraints!.Split(new[] { ", " }, StringSplitOptions.None).ToList();
        var primary = constraints.Contains("unmanaged") ? "unmanaged" : "struct";
        constraints.RemoveAll(c => c is "unmanaged" or "struct" or "notnull");
        return $" where {element.Name} : " + string.Join(", ", constraints.Prepend(primary));
    }

    private string Write() => WriteFile(_model, writer =>
    {
        WriteDefiningDeclaration(writer);
        if (_model.GeneratesType)
        {
            writer.Line();
            WriteType(writer);
        }
    });

    /// <summary>A generated file: the header, then <paramref name="body"/> inside the loss's namespace and containing types.</summary>
    internal static string WriteFile(LossModel model, Action<IndentedWriter> body)
    {
        var writer = new IndentedWriter();
        writer.Line("// <auto-generated/>");
        writer.Line("#nullable enable");
        writer.Line();
        var scopes = new List<IDisposable>();
        if (model.Namespace is not null)
        {
            scopes.Add(writer.Block("namespace " + model.Namespace));
        }

        foreach (var type in model.ContainingTypes)
        {
            scopes.Add(writer.Block($"partial {type.Keyword} {type.Name}"));
        }

        body(writer);
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            scopes[i].Dispose();
        }

        return writer.ToString();
    }

    private void WriteDefiningDeclaration(IndentedWriter writer)
    {
        // C# cannot write a default of a type parameter (CS1750); a generic loss's defaults live in its type's constructor.
        var parameters = string.Join(", ", _model.Parameters.Select(p => $"{_t} {p.Name}" + (p.Default is null || _element.IsGeneric ? "" : " = " + _element.Number(p.Default.Value))));
        var constraints = _element.IsGeneric ? $" where {_t} : {_model.MethodConstraints}" : "";
        writer.Line($"{_model.MethodModifiers} {_t} {_model.MethodName}{TypeArguments}({parameters}){constraints};");
    }

    private void WriteType(IndentedWriter writer)
    {
        var cref = $"{_model.MethodName}{(_element.IsGeneric ? "{" + _t + "}" : "")}({string.Join(", ", _model.Parameters.Select(_ => _t))})";
        writer.Line("/// <summary>");
        writer.Line($"/// The loss <see cref=\"{cref}\"/> and its derivative over batches, generated by LossGen.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line($"/// <para>ℓ = <c>{Xml(_formula)}</c></para>");
        for (var i = 0; i < _differentiable.Count; i++)
        {
            writer.Line($"/// <para>∂ℓ/∂{_differentiable[i].Name} = <c>{Xml(_derivativeFormulas[i])}</c></para>");
        }

        writer.Line($"/// <para>∂²ℓ/∂{_differentiable[0].Name}² = <c>{Xml(_secondDerivativeFormula)}</c></para>");
        writer.Line("/// </remarks>");
        var interfaces = ImplementsInterface ? $" : global::LossGen.ITwiceDifferentiableLoss<{_t}>" : "";
        if (_element.IsGeneric)
        {
            writer.Line($"/// <typeparam name=\"{_t}\">The element type: <see cref=\"float\"/>, <see cref=\"double\"/> or another IEEE 754 type.</typeparam>");
        }

        writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"LossGen\", \"{Version}\")]");
        using (writer.Block($"public sealed class {_model.TypeName}{TypeArguments}{interfaces}{TypeConstraints}"))
        {
            WriteFormulas(writer);
            WriteConstructor(writer);
            WriteScalarMethods(writer);
            foreach (var weighted in new[] { false, true })
            {
                WriteValues(writer, weighted);
                WriteBatch(writer, weighted, value: true, gradient: false);
                WriteBatch(writer, weighted, value: false, gradient: true);
                WriteBatch(writer, weighted, value: true, gradient: true);
                WriteGradientAndHessian(writer, weighted);
            }

            var batch = new BatchWriter(_model, _element, _model.TypeName + TypeArguments);
            batch.WriteRun(writer);
            batch.WriteBatch(writer);
            WriteKernels(writer);
        }
    }

    private void WriteFormulas(IndentedWriter writer)
    {
        writer.Line("/// <summary>The loss of one element, in readable math.</summary>");
        writer.Line($"public const string Formula = {Quote(_formula)};");
        writer.Line();
        writer.Line($"/// <summary>∂ℓ/∂{_differentiable[0].Name}, in readable math.</summary>");
        writer.Line($"public const string DerivativeFormula = {Quote(_derivativeFormulas.FirstOrDefault() ?? "")};");
        for (var i = 1; i < _differentiable.Count; i++)
        {
            writer.Line();
            writer.Line($"/// <summary>∂ℓ/∂{_differentiable[i].Name}, in readable math.</summary>");
            writer.Line($"public const string {_differentiable[i].PropertyName}DerivativeFormula = {Quote(_derivativeFormulas[i])};");
        }

        writer.Line();
        writer.Line($"/// <summary>∂²ℓ/∂{_differentiable[0].Name}², in readable math.</summary>");
        writer.Line($"public const string SecondDerivativeFormula = {Quote(_secondDerivativeFormula)};");
        if (_model.HasTarget)
        {
            writer.Line();
            writer.Line("/// <summary>The targets the loss expects, as its <c>[Loss(Labels = …)]</c> declares them.</summary>");
            writer.Line($"public const {LabelsType} Labels = {LabelsValue};");
        }

        if (ImplementsInterface)
        {
            writer.Line();
            writer.Line($"string global::LossGen.ILoss<{_t}>.Formula => Formula;");
            writer.Line();
            writer.Line($"string global::LossGen.ILoss<{_t}>.DerivativeFormula => DerivativeFormula;");
            writer.Line();
            writer.Line($"{LabelsType} global::LossGen.ILoss<{_t}>.Labels => Labels;");
            writer.Line();
            writer.Line($"string global::LossGen.ITwiceDifferentiableLoss<{_t}>.SecondDerivativeFormula => SecondDerivativeFormula;");
        }
    }

    /// <summary>The declared label kind as C#: its member, or a cast for a value outside the enum, as the user wrote it.</summary>
    private string LabelsValue => Enum.IsDefined(typeof(LabelKind), _model.Labels)
        ? $"{LabelsType}.{_model.Labels}"
        : $"({LabelsType}){(int)_model.Labels}";

    private void WriteConstructor(IndentedWriter writer)
    {
        writer.Line();
        writer.Line("private readonly int _maxDegreeOfParallelism = 1;");
        WriteConstructor(writer, _model, _element);
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// How many threads one batch call may use: 1 (the default) runs on the caller's thread, -1 on as many as");
        writer.Line("/// there are processors. The result is bit for bit the same whatever the degree.");
        writer.Line("/// </summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is 0 or less than -1.</exception>");
        using (writer.Block("public int MaxDegreeOfParallelism"))
        {
            writer.Line("get => _maxDegreeOfParallelism;");
            writer.Line($"init => _maxDegreeOfParallelism = {Guard}.DegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));");
        }
    }

    /// <summary>The constructor, which takes and checks the hyperparameters, and their properties.</summary>
    internal static void WriteConstructor(IndentedWriter writer, LossModel model, ElementSyntax element)
    {
        var hyperparameters = model.Parameters.Where(p => p.Role == ParameterRole.Hyperparameter).ToList();
        var exceptions = hyperparameters.Where(p => p.Positive || p.Minimum is not null).ToList();
        var parameters = string.Join(", ", hyperparameters.Select(p => HyperparameterDeclaration(p, element)));
        writer.Line();
        writer.Line($"/// <summary>Creates the loss{(hyperparameters.Count > 0 ? " with its hyperparameters" : "")}.</summary>");
        foreach (var p in hyperparameters)
        {
            writer.Line($"/// <param name=\"{p.Name}\">{ConstraintText(p, element)}</param>");
        }

        if (exceptions.Count > 0)
        {
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A hyperparameter is outside its allowed range.</exception>");
        }

        using (writer.Block($"public {model.TypeName}({parameters})"))
        {
            foreach (var p in hyperparameters)
            {
                var value = p.Default is { } fallback && element.IsGeneric ? $"{p.Name} ?? {element.Number(fallback)}" : p.Name;
                writer.Line($"{p.PropertyName} = {value};");
            }

            foreach (var p in exceptions)
            {
                if (p.Positive)
                {
                    writer.Line($"{Guard}.Positive({p.PropertyName}, nameof({p.Name}));");
                }

                if (p.Minimum is { } minimum && p.Maximum is { } maximum)
                {
                    writer.Line($"{Guard}.InRange({p.PropertyName}, {element.Number(minimum)}, {element.Number(maximum)}, nameof({p.Name}));");
                }
            }
        }

        foreach (var p in hyperparameters)
        {
            writer.Line();
            writer.Line($"/// <summary>The hyperparameter <c>{p.Name}</c>.</summary>");
            writer.Line($"public {element.Name} {p.PropertyName} {{ get; }}");
        }
    }

    /// <summary>
    /// A constructor parameter: <c>double delta = 1.0</c>, or for a generic loss <c>T? delta = null</c> with null
    /// meaning the default, since C# has no constant of a type parameter.
    /// </summary>
    private static string HyperparameterDeclaration(LossParameter p, ElementSyntax element) => p.Default switch
    {
        null => $"{element.Name} {p.Name}",
        _ when element.IsGeneric => $"{element.Name}? {p.Name} = null",
        { } value => $"{element.Name} {p.Name} = {element.Number(value)}",
    };

    private void WriteScalarMethods(IndentedWriter writer)
    {
        var parameters = string.Join(", ", _inputs.Select(p => $"{_t} {PublicName(p)}"));
        writer.Line();
        writer.Line("/// <summary>The loss of one element.</summary>");
        WriteInputDocs(writer, span: false);
        writer.Line("/// <returns>ℓ.</returns>");
        writer.Line($"public {_t} Value({parameters}) => Evaluate({KernelArguments()});");

        for (var i = 0; i < _differentiable.Count; i++)
        {
            var input = _differentiable[i];
            var name = i == 0 ? "Derivative" : input.PropertyName + "Derivative";
            var result = Names.Unique("derivative", new HashSet<string>(_inputs.Select(PublicName), StringComparer.Ordinal));
            var outs = string.Join(", ", _differentiable.Select((_, j) => j == i ? "out var " + result : "out _"));
            writer.Line();
            writer.Line($"/// <summary>∂ℓ/∂{input.Name} of one element.</summary>");
            WriteInputDocs(writer, span: false);
            writer.Line($"/// <returns>The derivative with respect to {PublicName(input)}.</returns>");
            using (writer.Block($"public {_t} {name}({parameters})"))
            {
                writer.Line($"EvaluateGradient({KernelArguments()}, {outs});");
                writer.Line($"return {result};");
            }
        }

        var second = Names.Unique("secondDerivative", new HashSet<string>(_inputs.Select(PublicName), StringComparer.Ordinal));
        writer.Line();
        writer.Line($"/// <summary>∂²ℓ/∂{_differentiable[0].Name}² of one element.</summary>");
        WriteInputDocs(writer, span: false);
        writer.Line("/// <returns>The second derivative with respect to the prediction.</returns>");
        using (writer.Block($"public {_t} SecondDerivative({parameters})"))
        {
            writer.Line($"EvaluateGradientAndHessian({KernelArguments()}, out _, out var {second});");
            writer.Line($"return {second};");
        }
    }

    private void WriteValues(IndentedWriter writer, bool weighted)
    {
        writer.Line();
        writer.Line(weighted ? "/// <summary>Writes wᵢℓᵢ for every element.</summary>" : "/// <summary>Writes ℓᵢ for every element.</summary>");
        WriteInputDocs(writer, span: true, weighted);
        writer.Line("/// <param name=\"destination\">Receives one loss per element; may be the memory of an input.</param>");
        WriteArgumentExceptionDoc(writer);
        using (writer.Block($"public void Values({SpanInputs(weighted)}, {Span}<{_t}> destination)"))
        {
            WriteChecks(writer, weighted, new[] { "destination" });
            writer.Line($"Run<{Modes}{(weighted ? "Weighted" : "")}Values>({BatchSpans(weighted, new[] { "destination" })}, {_element.Number(1)});");
        }
    }

    private void WriteBatch(IndentedWriter writer, bool weighted, bool value, bool gradient)
    {
        var name = value && gradient ? "ValueAndGradient" : value ? "Value" : "Gradient";
        var outputs = gradient ? GradientNames().ToList() : new List<string>();
        var signature = SpanInputs(weighted) + string.Concat(outputs.Select(o => $", {Span}<{_t}> {o}")) + $", {Reduction} reduction = {Reduction}.{DefaultReduction}";
        writer.Line();
        writer.Line(name switch
        {
            "Value" => "/// <summary>The reduced loss of a batch.</summary>",
            "Gradient" => "/// <summary>Writes the gradient of the reduced loss with respect to each differentiated input.</summary>",
            _ => "/// <summary>The reduced loss and its gradient, in one pass.</summary>",
        });
        WriteInputDocs(writer, span: true, weighted);
        for (var i = 0; i < outputs.Count; i++)
        {
            writer.Line($"/// <param name=\"{outputs[i]}\">Receives ∂(reduced loss)/∂{PublicName(_differentiable[i])} per element; may be the memory of an input.</param>");
        }

        writer.Line($"/// <param name=\"reduction\">How the {(weighted ? "weighted " : "")}per-element losses are combined.</param>");
        if (value)
        {
            writer.Line("/// <returns>The reduced loss.</returns>");
        }

        WriteArgumentExceptionDoc(writer);
        using (writer.Block($"public {(value ? _t : "void")} {name}({signature})"))
        {
            WriteChecks(writer, weighted, outputs);
            writer.Line($"var denominator = {Guard}.Denominator(reduction, prediction.Length{(weighted ? ", weight" : "")});");
            // Gradients are multiplied by 1 / denominator rounded to the element type, as autograd's mean backward does.
            var run = $"Run<{Modes}{(weighted ? "Weighted" : "")}{name}>({BatchSpans(weighted, outputs)}, {_element.FromDouble("1 / denominator")})";
            writer.Line(value ? $"var sum = {run};" : run + ";");
            if (value)
            {
                writer.Line($"return {_element.FromDouble("sum.Value / denominator")};");
            }
        }
    }

    private void WriteGradientAndHessian(IndentedWriter writer, bool weighted)
    {
        var outputs = new[] { "gradient", "hessian" };
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Writes the gradient of the reduced loss and the diagonal of its Hessian with respect to each prediction, in one");
        writer.Line("/// pass: element i's loss depends on prediction i alone, so the Hessian is diagonal.");
        writer.Line("/// </summary>");
        WriteInputDocs(writer, span: true, weighted);
        writer.Line("/// <param name=\"gradient\">Receives ∂(reduced loss)/∂prediction per element; may be the memory of an input.</param>");
        writer.Line("/// <param name=\"hessian\">Receives ∂²(reduced loss)/∂prediction² per element; may be the memory of an input, not of <paramref name=\"gradient\"/>.</param>");
        writer.Line($"/// <param name=\"reduction\">How the {(weighted ? "weighted " : "")}per-element losses are combined.</param>");
        WriteArgumentExceptionDoc(writer);
        using (writer.Block($"public void GradientAndHessian({SpanInputs(weighted)}, {Span}<{_t}> gradient, {Span}<{_t}> hessian, {Reduction} reduction = {Reduction}.{DefaultReduction})"))
        {
            WriteChecks(writer, weighted, outputs);
            writer.Line($"var denominator = {Guard}.Denominator(reduction, prediction.Length{(weighted ? ", weight" : "")});");
            writer.Line($"Run<{Modes}{(weighted ? "Weighted" : "")}GradientAndHessian>({BatchSpans(weighted, new[] { "gradient" }, hessian: "hessian")}, {_element.FromDouble("1 / denominator")});");
        }
    }

    /// <summary>The batch's spans in their <c>BatchSpans</c> slots, outputs cut to the batch's length.</summary>
    private string BatchSpans(bool weighted, IReadOnlyList<string> outputs, string? hessian = null)
    {
        var slots = new List<string> { $"{BatchWriter.Slot(0)} = prediction" };
        if (_model.HasTarget)
        {
            slots.Add($"{BatchWriter.Slot(1)} = target");
        }

        if (weighted)
        {
            slots.Add($"{BatchWriter.Slot(2)} = weight");
        }

        slots.AddRange(_extras.Select((p, k) => $"{BatchWriter.Slot(BatchWriter.ExtraSlot(k))} = {p.Name}"));
        slots.AddRange(outputs.Select((o, j) => $"Out{j} = {o}.Slice(0, prediction.Length)"));
        if (hessian is not null)
        {
            slots.Add($"Out{BatchWriter.HessianSlot} = {hessian}.Slice(0, prediction.Length)");
        }
        return $"new(prediction.Length) {{ {string.Join(", ", slots)} }}";
    }

    private void WriteChecks(IndentedWriter writer, bool weighted, IReadOnlyList<string> outputs)
    {
        var inputs = SpanInputNames(weighted).ToList();
        foreach (var input in inputs.Skip(1))
        {
            writer.Line($"{Guard}.SameLength(prediction, {input}, nameof({input}));");
        }

        foreach (var output in outputs)
        {
            writer.Line($"{Guard}.Destination(prediction, {output}, nameof({output}));");
            foreach (var input in inputs)
            {
                writer.Line($"{Guard}.NoPartialOverlap({input}, {output}, nameof({output}));");
            }
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            for (var j = i + 1; j < outputs.Count; j++)
            {
                writer.Line($"{Guard}.NoOverlap({outputs[i]}, {outputs[j]}, nameof({outputs[j]}));");
            }
        }
    }

    private void WriteKernels(IndentedWriter writer)
    {
        var names = new HashSet<string>(_model.Parameters.Select(p => p.Name), StringComparer.Ordinal);
        if (_value is not null)
        {
            foreach (var node in FlatExpression.Reachable(new[] { _value, _secondDerivative! }.Concat(_derivatives)))
            {
                if (_value.Pool.NameOf(node) is { } local)
                {
                    names.Add(local);
                }
            }
        }

        var outNames = _differentiable.Select((p, i) => Names.Unique(i == 0 ? "derivative" : p.Name + "Derivative", names)).ToList();
        var secondName = Names.Unique("secondDerivative", new HashSet<string>(names.Concat(outNames), StringComparer.Ordinal));
        var parameters = string.Join(", ", _model.Parameters.Select(p => $"{_t} {p.Name}"));
        var outs = string.Join(", ", outNames.Select(n => $"out {_t} {n}"));
        var kernel = new KernelWriter(_element, i => _model.Parameters[i].Name, names);
        var gradients = outNames.Zip(_derivatives, (n, d) => (n, d)).ToList();
        var secondOuts = $"out {_t} {outNames[0]}, out {_t} {secondName}";
        var hessian = _value is null ? new List<(string, Expr)>() : new List<(string, Expr)> { (outNames[0], _derivatives[0]), (secondName, _secondDerivative!) };

        WriteKernel(writer, $"private static {_t} Evaluate({parameters})", kernel, new List<(string, Expr)> { ("return", _value!) });
        WriteKernel(writer, $"private static void EvaluateGradient({parameters}, {outs})", kernel, gradients);
        WriteKernel(writer, $"private static {_t} EvaluateWithGradient({parameters}, {outs})", kernel, gradients.Prepend(("return", _value!)).ToList());
        WriteKernel(writer, $"private static void EvaluateGradientAndHessian({parameters}, {secondOuts})", kernel, hessian);

        // The same kernels over each SIMD width: branches become selections, so every lane computes both sides. The
        // widths' kernels are overloads, told apart by their vector types.
        var vectorValue = ShareLogistics(new List<(string, Expr)> { ("return", _value!) });
        var vectorGradients = ShareLogistics(gradients);
        var vectorBoth = ShareLogistics(gradients.Prepend(("return", _value!)).ToList());
        var vectorHessian = ShareLogistics(hessian);
        foreach (var width in ElementSyntax.Widths)
        {
            var vector = _element.Vector(width);
            var v = vector.Name;
            var vectorParameters = string.Join(", ", _model.Parameters.Select(p => $"{v} {p.Name}"));
            var vectorOuts = string.Join(", ", outNames.Select(n => $"out {v} {n}"));
            var vectorKernel = new KernelWriter(vector, i => _model.Parameters[i].Name, names);
            WriteKernel(writer, $"private static {v} EvaluateVector({vectorParameters})", vectorKernel, vectorValue);
            WriteKernel(writer, $"private static void EvaluateGradientVector({vectorParameters}, {vectorOuts})", vectorKernel, vectorGradients);
            WriteKernel(writer, $"private static {v} EvaluateWithGradientVector({vectorParameters}, {vectorOuts})", vectorKernel, vectorBoth);
            WriteKernel(writer, $"private static void EvaluateGradientAndHessianVector({vectorParameters}, out {v} {outNames[0]}, out {v} {secondName})", vectorKernel, vectorHessian);
        }
    }

    /// <summary>The results with their logistic functions sharing exponentials (<see cref="LogisticSharing"/>); none when the body has errors.</summary>
    private IReadOnlyList<(string, Expr)> ShareLogistics(IReadOnlyList<(string Target, Expr Result)> results)
    {
        if (_value is null)
        {
            return results;
        }

        var shared = LogisticSharing.Apply(results.Select(r => r.Result).ToList());
        return results.Select((r, i) => (r.Target, shared[i])).ToList();
    }

    private void WriteKernel(IndentedWriter writer, string signature, KernelWriter kernel, IReadOnlyList<(string, Expr)> results)
    {
        writer.Line();
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        writer.Line(signature);

        if (_value is null)
        {
            writer.Line($"    => throw new global::System.InvalidOperationException(\"The body of {_model.MethodName} has errors that LossGen reported.\");");
            return;
        }

        using (writer.Block(""))
        {
            kernel.Write(writer, results);
        }
    }

    private IEnumerable<string> GradientNames() =>
        _differentiable.Select((p, i) => i == 0 ? "gradient" : p.Name + "Gradient");

    private IEnumerable<string> SpanInputNames(bool weighted)
    {
        yield return "prediction";
        if (_model.HasTarget)
        {
            yield return "target";
        }

        if (weighted)
        {
            yield return "weight";
        }

        foreach (var extra in _extras)
        {
            yield return extra.Name;
        }
    }

    private string SpanInputs(bool weighted) =>
        string.Join(", ", SpanInputNames(weighted).Select(n => $"{ReadOnlySpan}<{_t}> {n}"));

    private string PublicName(LossParameter p) => p.Role switch
    {
        ParameterRole.Prediction => "prediction",
        ParameterRole.Target => "target",
        _ => p.Name,
    };

    private string KernelArguments() => string.Join(", ", _model.Parameters.Select(p =>
        p.Role == ParameterRole.Hyperparameter ? p.PropertyName : PublicName(p)));

    private void WriteInputDocs(IndentedWriter writer, bool span, bool weighted = false)
    {
        foreach (var name in span ? SpanInputNames(weighted) : _inputs.Select(PublicName))
        {
            var text = name switch
            {
                "prediction" => span ? "The predictions." : "The prediction.",
                "target" => span ? "The targets, one per prediction." : "The target.",
                "weight" => "The weights, one per prediction.",
                _ => span ? $"The per-element input <c>{name}</c>, one per prediction." : $"The per-element input <c>{name}</c>.",
            };
            writer.Line($"/// <param name=\"{name}\">{text}</param>");
        }
    }

    private static void WriteArgumentExceptionDoc(IndentedWriter writer) =>
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans differ in length, an output is too short, or an output partly overlaps an input.</exception>");

    private static string ConstraintText(LossParameter p, ElementSyntax element)
    {
        var text = $"The hyperparameter <c>{p.Name}</c>";
        if (p.Positive)
        {
            text += "; greater than 0";
        }

        if (p.Minimum is { } min && p.Maximum is { } max)
        {
            text += $"; in [{DocNumber(min, element)}, {DocNumber(max, element)}]";
        }

        return p.Default switch
        {
            null => text + ".",
            { } value when element.IsGeneric => text + $"; null means {DocNumber(value, element)}, the default.",
            { } value => text + $"; {DocNumber(value, element)} by default.",
        };
    }

    private static string DocNumber(double value, ElementSyntax element) =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "-∞"
        : element.Type == ElementType.Float ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
