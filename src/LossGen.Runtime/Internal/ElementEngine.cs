using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using LossGen.Kernels;

namespace LossGen.Internal;

/// <summary>
/// One batch call of an element loss over one chunk: the widest vector loop the hardware, the element type and the
/// chunk's length allow, or the scalar loop. Not for direct use.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKernel">The loss's generated kernel.</typeparam>
/// <typeparam name="TMode">The batch call.</typeparam>
/// <param name="kernel">The kernel, with its hyperparameters.</param>
/// <param name="scale">What gradients are multiplied by: 1 / the reduction's denominator.</param>
internal readonly struct ElementEngine<T, TKernel, TMode>(TKernel kernel, T scale) : IBatchBody<T>
    where T : struct, IFloatingPointIeee754<T>
    where TKernel : struct, IElementKernel<T>
    where TMode : struct, IBatchMode
{
    private readonly TKernel _kernel = kernel;

    public CompensatedSum Run(BatchSpans<T> spans)
    {
        if (ElementVector512.Serves<T>(spans.Length))
        {
            return ElementVector512.Run<T, TKernel, TMode>(_kernel, spans, scale);
        }

        if (ElementVector256.Serves<T>(spans.Length))
        {
            return ElementVector256.Run<T, TKernel, TMode>(_kernel, spans, scale);
        }

        if (ElementVector128.Serves<T>(spans.Length))
        {
            return ElementVector128.Run<T, TKernel, TMode>(_kernel, spans, scale);
        }

        return RunScalar(spans);
    }

    /// <summary>The loop where no vector serves: each element's inputs are read before any of its outputs is written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CompensatedSum RunScalar(BatchSpans<T> spans)
    {
        var sum = new CompensatedSum();
        for (var i = 0; i < spans.Length; i++)
        {
            var x = new Element<T>
            {
                Prediction = spans.In0[i],
                Target = TKernel.HasTarget ? spans.In1[i] : default,
                Input0 = TKernel.Inputs > 0 ? spans.In3[i] : default,
                Input1 = TKernel.Inputs > 1 ? spans.In4[i] : default,
                Input2 = TKernel.Inputs > 2 ? spans.In5[i] : default,
            };
            var w = TMode.Weighted ? spans.In2[i] : T.One;
            T loss;
            if (TMode.WritesHessian)
            {
                var derivative = _kernel.GradientAndHessian(in x, out var secondDerivative);
                spans.Out0[i] = (TMode.Weighted ? w * derivative : derivative) * scale;
                spans.Out3[i] = (TMode.Weighted ? w * secondDerivative : secondDerivative) * scale;
                loss = T.Zero;
            }
            else if (TMode.WritesGradient && !TMode.Reduces && TKernel.Gradients == 1)
            {
                // Only the gradient: scalar math functions (Math.Log, Math.Exp) are calls the JIT does not drop, so the value
                // is not computed; the gradient with the second derivative needs none.
                var derivative = _kernel.GradientAndHessian(in x, out _);
                spans.Out0[i] = (TMode.Weighted ? w * derivative : derivative) * scale;
                loss = T.Zero;
            }
            else if (TMode.WritesGradient)
            {
                loss = _kernel.ValueAndGradient(in x, out var gradient);
                spans.Out0[i] = (TMode.Weighted ? w * gradient.Prediction : gradient.Prediction) * scale;
                if (TKernel.Gradients > 1)
                {
                    spans.Out1[i] = (TMode.Weighted ? w * gradient.Input0 : gradient.Input0) * scale;
                }

                if (TKernel.Gradients > 2)
                {
                    spans.Out2[i] = (TMode.Weighted ? w * gradient.Input1 : gradient.Input1) * scale;
                }
            }
            else
            {
                loss = _kernel.Value(in x);
            }

            if (TMode.Weighted)
            {
                loss = w * loss;
            }

            if (TMode.WritesValues)
            {
                spans.Out0[i] = loss;
            }

            if (TMode.Reduces)
            {
                sum.Add(double.CreateTruncating(loss));
            }
        }

        return sum;
    }
}
