using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Wakers.TestSupport;

/// <summary>Finds the repository's files for tests that check them (docs, README, sources, the package's project); one file linked into each test project.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() => FindRoot());

    /// <summary>The folder holding WakerAnalyzers.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A path under the root, from '/'-separated parts.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    // The output folder is under the repository in a normal build, but not with --artifacts-path elsewhere:
    // then this source file's own compile-time path leads back to it.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "WakerAnalyzers.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException($"WakerAnalyzers.sln not found above {AppContext.BaseDirectory} or {sourceFile}");
    }
}
