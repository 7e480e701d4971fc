using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.Tests.Infrastructure;

namespace LossGen.Tests.Runtime;

/// <summary>One case of <c>../shared/reference/losses.json</c> (PyTorch, float64).</summary>
internal sealed class ReferenceCase(JsonElement json)
{
    public string Name { get; } = json.GetProperty("name").GetString()!;

    public JsonElement Hyper { get; } = json.GetProperty("hyper");

    public double[] Prediction => Array("prediction");

    public double[] Target => Array("target");

    public double[] Elementwise => Array("elementwise");

    public double[] GradientOfSum => Array("gradient_of_sum");

    public double Sum => json.GetProperty("sum").GetDouble();

    public double Mean => json.GetProperty("mean").GetDouble();

    /// <summary>A numeric array field such as <c>variance</c> or <c>gradient_of_sum_variance</c>.</summary>
    public double[] Array(string field) => json.GetProperty(field).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>A number field, or null when it is absent or null.</summary>
    public double? Number(string field) =>
        json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A hyperparameter number, or null when the case does not set it.</summary>
    public double? HyperNumber(string name) =>
        Hyper.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public string? HyperString(string name) =>
        Hyper.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

internal static class ReferenceData
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReferenceCase>> All = new(Load);

    public static IReadOnlyDictionary<string, ReferenceCase> Cases => All.Value;

    public static ReferenceCase Case(string name) =>
        Cases.TryGetValue(name, out var found) ? found : throw new KeyNotFoundException($"losses.json has no case '{name}'.");

    private static IReadOnlyDictionary<string, ReferenceCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.ReferenceLosses));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new ReferenceCase(c.Clone()))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
    }
}
