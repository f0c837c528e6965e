using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>The copies of the evaluation cases in tests/Wakers.Analyzers.Tests/Corpus, embedded in the test assembly.</summary>
public static class CorpusCases
{
    private const string Prefix = "Corpus/";

    /// <summary>Each case's file name and text, in name order.</summary>
    public static IReadOnlyList<(string Name, string Source)> All { get; } = Load();

    private static IReadOnlyList<(string Name, string Source)> Load()
    {
        var assembly = typeof(CorpusCases).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[Prefix.Length..], reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
            })
            .ToList();
    }
}
