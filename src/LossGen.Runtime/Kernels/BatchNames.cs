using System.ComponentModel;

namespace LossGen.Kernels;

/// <summary>
/// The parameter names a loss with per-element inputs gives them and their gradients, for the messages of its argument
/// checks. Not for direct use.
/// </summary>
/// <param name="inputs">The per-element inputs' names, in order.</param>
/// <param name="gradients">The names of the gradients of the differentiated per-element inputs, in order.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BatchNames(string[] inputs, string[] gradients)
{
    /// <summary>The name of per-element input <paramref name="index"/>.</summary>
    /// <param name="index">The input's position among the per-element inputs.</param>
    /// <returns>Its parameter name.</returns>
    public string Input(int index) => inputs is { } names && index < names.Length ? names[index] : "input" + index;

    /// <summary>The name of the gradient of differentiated per-element input <paramref name="index"/>.</summary>
    /// <param name="index">The input's position among the differentiated per-element inputs.</param>
    /// <returns>Its parameter name.</returns>
    public string Gradient(int index) => gradients is { } names && index < names.Length ? names[index] : "gradient" + (index + 1);
}
