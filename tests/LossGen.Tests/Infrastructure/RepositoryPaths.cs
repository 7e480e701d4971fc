using System;
using System.IO;

namespace LossGen.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding LossGen.sln) and the shared reference data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/reference/losses.json</c> relative to the repository root.</summary>
    public static string ReferenceLosses => Path.Combine(Root, "..", "shared", "reference", "losses.json");

    /// <summary><c>../shared/reference/row-losses.json</c> relative to the repository root: the row-wise losses.</summary>
    public static string ReferenceRowLosses => Path.Combine(Root, "..", "shared", "reference", "row-losses.json");

    public static string Golden(string name) => Path.Combine(Root, "tests", "LossGen.Tests", "Golden", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LossGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LossGen.sln not found above " + AppContext.BaseDirectory);
    }
}
