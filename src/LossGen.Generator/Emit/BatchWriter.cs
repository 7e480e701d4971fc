using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Generator.Model;

namespace LossGen.Generator.Emit;

/// <summary>
/// Writes the machinery behind the batch methods: one <c>Batch&lt;TMode&gt;</c> struct whose code serves all ten calls
/// (the mode's constants let the JIT keep only what a call needs), running a chunk of the batch as a SIMD loop over
/// the widest accelerated vector, its last vector overlapping the one before and masked out of the sum, or as a
/// scalar loop where no vector applies. <c>BatchRunner</c> splits a batch into chunks and runs them in parallel.
/// </summary>
internal sealed class BatchWriter
{
    private const string Internal = "global::LossGen.Internal.";
    private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    private const string GetReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";

    private readonly LossModel _model;
    private readonly ElementSyntax _element;
    private readonly string _t;
    private readonly string _ownerType;
    private readonly List<LossParameter> _extras;
    private readonly List<LossParameter> _hyperparameters;
    private readonly int _outputs;

    /// <summary>
    /// The parameter and local names of the batch code. A per-element input may not take one (LG0012); a
    /// hyperparameter's local is renamed around them.
    /// </summary>
    public static readonly IReadOnlyCollection<string> Locals = new HashSet<string>(StringComparer.Ordinal)
    {
        "prediction", "target", "weight", "scale", "i", "loss", "sum", "compensation", "count", "last", "done", "isLast", "spans",
        "d0", "d1", "d2", "h", "out0", "out1", "out2", "out3", "gradient", "hessian",
    };

    /// <summary>The <c>BatchSpans</c> output slot of the second derivative.</summary>
    public const int HessianSlot = 3;

    /// <summary>The names of the hyperparameters inside the batch code, clear of its own names.</summary>
    private readonly Dictionary<LossParameter, string> _names = new();

    public BatchWriter(LossModel model, ElementSyntax element, string ownerType)
    {
        _model = model;
        _element = element;
        _t = element.Name;
        _ownerType = ownerType;
        _extras = model.Parameters.Where(p => p.Role == ParameterRole.PerElement).ToList();
        _hyperparameters = model.Parameters.Where(p => p.Role == ParameterRole.Hyperparameter).ToList();
        _outputs = Math.Max(1, model.Parameters.Count(p => p.Differentiable));
        var taken = new HashSet<string>(Locals, StringComparer.Ordinal);
        taken.UnionWith(_extras.Select(p => p.Name));
        taken.UnionWith(InputNames().Select(Last));
        foreach (var p in _hyperparameters)
        {
            _names[p] = Names.Unique(p.Name, taken);
        }
    }

    /// <summary>The slots of <c>BatchSpans</c> the inputs take: prediction, target, weight, then per-element inputs.</summary>
    public static string Slot(int input) => "In" + input;

    /// <summary>The slot of per-element input <paramref name="index"/> (0-based among the per-element inputs).</summary>
    public static int ExtraSlot(int index) => 3 + index;

    /// <summary>The <c>Run&lt;TMode&gt;</c> helper the public batch methods call.</summary>
    public void WriteRun(IndentedWriter writer)
    {
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Runs one batch call over every chunk of <paramref name=\"spans\"/>, on up to <see cref=\"MaxDegreeOfParallelism\"/>");
        writer.Line("/// threads; gradients are multiplied by <paramref name=\"scale\"/>, 1 / the reduction's denominator.");
        writer.Line("/// </summary>");
        writer.Line($"private {Internal}CompensatedSum Run<TMode>({Internal}BatchSpans<{_t}> spans, {_t} scale)");
        writer.Line($"    where TMode : struct, {Internal}IBatchMode");
        writer.Line($"    => {Internal}BatchRunner.Run<{_t}, Batch<TMode>>(new Batch<TMode>(this, scale), spans, MaxDegreeOfParallelism);");
    }

    public void WriteBatch(IndentedWriter writer)
    {
        writer.Line();
        writer.Line("/// <summary>One batch call over one chunk: SIMD where the hardware and the element type allow, scalar otherwise.</summary>");
        writer.Line($"private readonly struct Batch<TMode> : {Internal}IBatchBody<{_t}>");
        writer.Line($"    where TMode : struct, {Internal}IBatchMode");
        using (writer.Block(""))
        {
            foreach (var p in _hyperparameters)
            {
                writer.Line($"private readonly {_t} _{_names[p]};");
            }

            writer.Line($"private readonly {_t} _scale;");
            writer.Line();
            using (writer.Block($"public Batch({_ownerType} loss, {_t} scale)"))
            {
                foreach (var p in _hyperparameters)
                {
                    writer.Line($"_{_names[p]} = loss.{p.PropertyName};");
                }

                writer.Line("_scale = scale;");
            }

            WriteDispatch(writer);
            foreach (var width in ElementSyntax.Widths)
            {
                var vector = _element.Vector(width);
                WriteVectorLoop(writer, vector);
                WriteStep(writer, vector);
            }
        }
    }

    private void WriteDispatch(IndentedWriter writer)
    {
        writer.Line();
        using (writer.Block($"public {Internal}CompensatedSum Run({Internal}BatchSpans<{_t}> spans)"))
        {
            foreach (var width in ElementSyntax.Widths)
            {
                var vector = _element.Vector(width);
                using (writer.Block($"if ({vector.Operations}.IsSupported && spans.Length >= {vector.Name}.Count)"))
                {
                    writer.Line($"return Run{width}(spans);");
                }

                writer.Line();
            }

            writer.Line($"var sum = new {Internal}CompensatedSum();");
            using (writer.Block("for (var i = 0; i < spans.Length; i++)"))
            {
                WriteKernelCalls(writer, _element, i => $"spans.{Slot(i)}[i]", "_scale", (j, value) => writer.Line($"spans.Out{j}[i] = {value};"));
                using (writer.Block("if (TMode.Reduces)"))
                {
                    writer.Line($"sum.Add({_element.ToDouble("loss")});");
                }
            }

            writer.Line();
            writer.Line("return sum;");
        }
    }

    private void WriteVectorLoop(IndentedWriter writer, ElementSyntax vector)
    {
        writer.Line();
        using (writer.Block($"private {Internal}CompensatedSum Run{vector.Width}({Internal}BatchSpans<{_t}> spans)"))
        {
            var inputs = InputNames().ToList();
            foreach (var (name, slot) in inputs)
            {
                writer.Line($"ref readonly var {name} = ref {GetReference}(spans.{Slot(slot)});");
            }

            foreach (var j in OutputSlots())
            {
                writer.Line($"ref var out{j} = ref {GetReference}(spans.Out{j});");
            }

            foreach (var p in _hyperparameters)
            {
                writer.Line($"var {_names[p]} = {vector.Statics}.Create(_{_names[p]});");
            }

            writer.Line($"var scale = {vector.Statics}.Create(_scale);");
            writer.Line($"var sum = {vector.Name}.Zero;");
            writer.Line($"var compensation = {vector.Name}.Zero;");
            writer.Line($"var count = (nuint){vector.Name}.Count;");
            writer.Line("var last = (nuint)spans.Length - count;");
            writer.Line();
            writer.Line("// The last vector overlaps the one before it unless the length is a multiple of the width. It is");
            writer.Line("// loaded before anything is stored, since an output may be an input's own memory.");
            foreach (var (name, slot) in inputs)
            {
                writer.Line($"var {Last((name, slot))} = {Load(vector, name, slot, "last")};");
            }

            writer.Line();
            writer.Line("// One loop body for every vector, the last included, so the kernel is inlined once.");
            writer.Line("nuint done = 0;");
            using (writer.Block("while (true)"))
            {
                writer.Line("var i = done < last ? done : last;");
                writer.Line("var isLast = i == last;");
                var loads = inputs.Select(input => $"isLast ? {Last(input)} : {Load(vector, input.Name, input.Slot, "i")}");
                writer.Line($"var loss = Step({StepArguments(loads, "i")});");
                using (writer.Block("if (TMode.Reduces)"))
                {
                    writer.Line("// Lanes of the last vector below done - last were summed already.");
                    writer.Line($"{vector.Operations}.AddCompensated(ref sum, ref compensation, isLast ? {vector.Operations}.LanesFrom(loss, done - last) : loss);");
                }

                writer.Line();
                using (writer.Block("if (isLast)"))
                {
                    writer.Line("break;");
                }

                writer.Line();
                writer.Line("done = i + count;");
            }

            writer.Line();
            writer.Line($"return {vector.Operations}.Total(sum, compensation);");
        }
    }

    private void WriteStep(IndentedWriter writer, ElementSyntax vector)
    {
        var v = vector.Name;
        var parameters = InputNames().Select(input => $"{v} {input.Name}")
            .Concat(_hyperparameters.Select(p => $"{v} {_names[p]}"))
            .Append($"{v} scale")
            .Concat(OutputSlots().Select(j => $"ref {_t} out{j}"))
            .Append("nuint i");
        writer.Line();
        writer.Line(Inline);
        using (writer.Block($"private static {v} Step({string.Join(", ", parameters)})"))
        {
            WriteKernelCalls(writer, vector, i => InputNames().First(input => input.Slot == i).Name, "scale",
                (j, value) => writer.Line($"{vector.Statics}.StoreUnsafe({value}, ref out{j}, i);"), suffix: "Vector");
            writer.Line("return loss;");
        }
    }

    /// <summary>
    /// The per-element body shared by the scalar and the vector loop: the kernel the mode needs, the gradients
    /// scaled by weight × scale, the weighted loss stored (Values) or returned for the sum.
    /// </summary>
    private void WriteKernelCalls(IndentedWriter writer, ElementSyntax element, Func<int, string> input, string scale, Action<int, string> store, string suffix = "")
    {
        var arguments = string.Join(", ", _model.Parameters.Select(p => p.Role switch
        {
            ParameterRole.Prediction => input(0),
            ParameterRole.Target => input(1),
            ParameterRole.PerElement => input(ExtraSlot(_extras.IndexOf(p))),
            _ => element.IsVector ? _names[p] : "_" + _names[p],
        }));
        var differentiable = _model.Parameters.Count(p => p.Differentiable);
        var outs = string.Join(", ", Enumerable.Range(0, differentiable).Select(j => $"out d{j}"));
        var zero = element.Number(0);
        writer.Line($"var loss = {zero};");
        for (var j = 0; j < differentiable; j++)
        {
            writer.Line($"var d{j} = {zero};");
        }

        writer.Line($"var h = {zero};");
        using (writer.Block("if (TMode.WritesHessian)"))
        {
            writer.Line($"EvaluateGradientAndHessian{suffix}({arguments}, out d0, out h);");
        }

        using (writer.Block("else if (TMode.WritesGradient && TMode.Reduces)"))
        {
            writer.Line($"loss = EvaluateWithGradient{suffix}({arguments}, {outs});");
        }

        using (writer.Block("else if (TMode.WritesGradient)"))
        {
            writer.Line($"EvaluateGradient{suffix}({arguments}, {outs});");
        }

        using (writer.Block("else"))
        {
            writer.Line($"loss = Evaluate{suffix}({arguments});");
        }

        writer.Line();
        var weight = input(2);
        using (writer.Block("if (TMode.WritesGradient)"))
        {
            store(0, $"(TMode.Weighted ? {weight} * d0 : d0) * {scale}");
            if (differentiable > 1)
            {
                // A Hessian call writes the prediction's gradient only; the other gradients' slots are empty.
                using (writer.Block("if (!TMode.WritesHessian)"))
                {
                    for (var j = 1; j < differentiable; j++)
                    {
                        store(j, $"(TMode.Weighted ? {weight} * d{j} : d{j}) * {scale}");
                    }
                }
            }
        }

        writer.Line();
        using (writer.Block("if (TMode.WritesHessian)"))
        {
            store(HessianSlot, $"(TMode.Weighted ? {weight} * h : h) * {scale}");
        }

        writer.Line();
        using (writer.Block("if (TMode.Weighted)"))
        {
            writer.Line($"loss = {weight} * loss;");
        }

        writer.Line();
        using (writer.Block("if (TMode.WritesValues)"))
        {
            store(0, "loss");
        }

        writer.Line();
    }

    /// <summary>The vector loop's inputs, by name and slot; the weight is read only by weighted modes.</summary>
    private IEnumerable<(string Name, int Slot)> InputNames()
    {
        yield return ("prediction", 0);
        if (_model.HasTarget)
        {
            yield return ("target", 1);
        }

        yield return ("weight", 2);
        for (var k = 0; k < _extras.Count; k++)
        {
            yield return (_extras[k].Name, ExtraSlot(k));
        }
    }

    private static string Load(ElementSyntax vector, string name, int slot, string index) => slot == 2
        ? $"TMode.Weighted ? {vector.Statics}.LoadUnsafe(in {name}, {index}) : {vector.Name}.One"
        : $"{vector.Statics}.LoadUnsafe(in {name}, {index})";

    private string StepArguments(IEnumerable<string> inputs, string index) =>
        string.Join(", ", inputs.Concat(_hyperparameters.Select(p => _names[p])).Append("scale")
            .Concat(OutputSlots().Select(j => $"ref out{j}")).Append(index));

    /// <summary>The output slots the batch code writes: the destination or gradients, and the second derivative.</summary>
    private IEnumerable<int> OutputSlots() => Enumerable.Range(0, _outputs).Append(HessianSlot);

    private static string Last((string Name, int Slot) input) => "last" + char.ToUpperInvariant(input.Name[0]) + input.Name.Substring(1);
}
