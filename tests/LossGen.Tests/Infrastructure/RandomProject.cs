using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace LossGen.Tests.Infrastructure;

/// <summary>Random losses laid out as source files of one <c>partial class C</c>, and where each loss's text lies.</summary>
public sealed class RandomProject
{
    private RandomProject(string[] sources, (RandomLoss Loss, int File, int Start, int End)[] layout)
    {
        Sources = sources;
        Layout = layout;
    }

    public string[] Sources { get; }

    /// <summary>Each loss, the index of its file, and the span of its declaration there.</summary>
    public (RandomLoss Loss, int File, int Start, int End)[] Layout { get; }

    /// <summary>Lays <paramref name="losses"/> out in <paramref name="files"/> files, the first holding the helpers mutations use.</summary>
    public static RandomProject Create(IReadOnlyList<RandomLoss> losses, int files)
    {
        var sources = new StringBuilder[files];
        var layout = new List<(RandomLoss, int, int, int)>();
        for (var file = 0; file < files; file++)
        {
            sources[file] = new StringBuilder(RandomLoss.Usings).Append("public partial class C\n{\n");
            if (file == 0)
            {
                sources[file].Append(RandomLoss.HelperMembers);
            }
        }

        for (var i = 0; i < losses.Count; i++)
        {
            var file = i % files;
            var start = sources[file].Length;
            sources[file].Append(losses[i].ToCSharp());
            layout.Add((losses[i], file, start, sources[file].Length));
            sources[file].Append('\n');
        }

        return new RandomProject(sources.Select(s => s.Append("}\n").ToString()).ToArray(), layout.ToArray());
    }

    /// <summary>A project of valid losses in every flavor, the same for the same seed.</summary>
    public static RandomProject Valid(int seed, int files, int losses)
    {
        var builder = new RandomLossBuilder(new System.Random(seed));
        var flavors = new[] { LossFlavor.Double, LossFlavor.Double, LossFlavor.Float, LossFlavor.Generic };
        return Create(Enumerable.Range(0, losses).Select(i => builder.Build("F" + i, flavors[i % flavors.Length])).ToList(), files);
    }
}
