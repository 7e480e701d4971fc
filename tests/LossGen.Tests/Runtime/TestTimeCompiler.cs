using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Reflection;
using LossGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LossGen.Tests.Runtime;

/// <summary>
/// Compiles loss declarations with the LossGen generator while the tests run and loads the result, for losses
/// that the generator currently cannot compile: declared in the test project, they would break its build (and
/// every other test). Each source is compiled on its own, so one broken loss does not hide the others; a source
/// that does not compile makes the tests that use it fail with the compiler's errors, and they pass unchanged
/// once the generator is fixed.
/// </summary>
internal static class TestTimeCompiler
{
    private static readonly ConcurrentDictionary<string, Lazy<(Assembly? Assembly, string Errors)>> Cache = new(StringComparer.Ordinal);

    private static readonly MetadataReference[] References =
        Basic.Reference.Assemblies.Net100.References.All
            .Append(MetadataReference.CreateFromFile(typeof(LossAttribute).Assembly.Location))
            .ToArray();

    /// <summary>The compiler's and generator's errors for <paramref name="source"/>, one per line; empty when it compiles.</summary>
    public static string Errors(string source) => Get(source).Errors;

    /// <summary>The assembly built from <paramref name="source"/>; throws with the errors when it does not compile.</summary>
    public static Assembly Load(string source)
    {
        var (assembly, errors) = Get(source);
        return assembly ?? throw new InvalidOperationException("The loss does not compile with LossGen:" + Environment.NewLine + errors);
    }

    /// <summary>Constructs the loss type <paramref name="typeName"/> (e.g. <c>AbsLosses+PowAbsLoss</c>) from <paramref name="source"/>.</summary>
    public static object Create(string source, string typeName, params object[] arguments)
    {
        var type = Load(source).GetType("LossGen.Tests.Runtime.Dynamic." + typeName, throwOnError: true)!;
        var constructor = type.GetConstructors().Single();
        var parameters = constructor.GetParameters();
        var values = parameters.Select((p, i) => i < arguments.Length ? arguments[i] : p.DefaultValue).ToArray();
        return constructor.Invoke(values);
    }

    /// <summary>The user's own static loss method <paramref name="method"/> of <paramref name="typeName"/>.</summary>
    public static MethodInfo Method(string source, string typeName, string method) =>
        Load(source).GetType("LossGen.Tests.Runtime.Dynamic." + typeName, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;

    private static (Assembly? Assembly, string Errors) Get(string source) =>
        Cache.GetOrAdd(source, s => new Lazy<(Assembly?, string)>(() => Compile(s))).Value;

    private static (Assembly? Assembly, string Errors) Compile(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "LossGenTestTime" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, parseOptions, path: "TestTimeLoss.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver
            .Create(new[] { new LossGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        var errors = generatorDiagnostics.Concat(emitted.Diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .Distinct()
            .ToList();
        return emitted.Success && errors.Count == 0
            ? (Assembly.Load(stream.ToArray()), "")
            : (null, string.Join(Environment.NewLine, errors));
    }
}
