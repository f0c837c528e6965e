using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Case files embedded in the test assembly: the evaluation corpus copy (Corpus/) and the held-out-style cases (Cases/).</summary>
public static class CorpusCases
{
    private const string Prefix = "Corpus/";

    /// <summary>Each corpus case's file name and text, in name order.</summary>
    public static IReadOnlyList<(string Name, string Source)> All { get; } = Load(Prefix);

    /// <summary>The held-out-style cases of tests/Wakers.Analyzers.Tests/Cases, in name order.</summary>
    public static IReadOnlyList<(string Name, string Source)> HeldOutStyle { get; } = Load("Cases/");

    private static IReadOnlyList<(string Name, string Source)> Load(string prefix)
    {
        var assembly = typeof(CorpusCases).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[prefix.Length..], reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
            })
            .ToList();
    }
}
