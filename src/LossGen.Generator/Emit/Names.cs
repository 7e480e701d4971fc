using System.Collections.Generic;

namespace LossGen.Generator.Emit;

/// <summary>Names in generated code that must not clash with the user's.</summary>
internal static class Names
{
    /// <summary><paramref name="name"/>, or it with the first free number appended; the result is added to <paramref name="taken"/>.</summary>
    public static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }
}
