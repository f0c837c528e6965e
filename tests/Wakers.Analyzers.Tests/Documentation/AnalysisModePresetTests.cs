using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Wakers.TestSupport;
using Xunit;

namespace Wakers.Analyzers.Tests.Documentation;

/// <summary>The WakersAnalysisMode presets the package ships name every rule, and "recommended" is the rules' own defaults.</summary>
public class AnalysisModePresetTests
{
    public static TheoryData<string> Modes() => new() { "recommended", "strict", "none" };

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryPresetSetsEveryRuleAndNothingElse(string mode)
    {
        var severities = Load(mode);
        Assert.Equal(DocumentationTests.Descriptors.Select(d => d.Id), severities.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(severities.Values, s => Assert.Contains(s, new[] { "error", "warning", "suggestion", "none" }));
    }

    [Fact]
    public void RecommendedIsEachRulesDefaultSeverity()
    {
        var severities = Load("recommended");
        foreach (var d in DocumentationTests.Descriptors)
        {
            Assert.True(d.IsEnabledByDefault, $"{d.Id} is off by default");
            Assert.Equal(EditorConfigName(d.DefaultSeverity), severities[d.Id]);
        }
    }

    [Fact]
    public void StrictRaisesEveryRuleOneLevelAndNoneTurnsEveryRuleOff()
    {
        var recommended = Load("recommended");
        var strict = Load("strict");
        foreach (var (id, severity) in recommended)
        {
            Assert.Equal(severity switch { "warning" => "error", "suggestion" => "warning", _ => severity }, strict[id]);
        }
        Assert.All(Load("none").Values, s => Assert.Equal("none", s));
    }

    [Fact]
    public void TheReadmeNamesEveryPreset()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        Assert.Contains("<WakersAnalysisMode>", readme);
        foreach (var mode in new[] { "recommended", "strict", "none" }) Assert.Contains($"`{mode}`", readme);
    }

    private static string EditorConfigName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "suggestion",
        _ => "silent",
    };

    // dotnet_diagnostic.<id>.severity = <value> lines of src/Wakers/build/config/wakers.<mode>.globalconfig.
    private static Dictionary<string, string> Load(string mode)
    {
        var lines = File.ReadAllLines(Repository.PathOf($"src/Wakers/build/config/wakers.{mode}.globalconfig"));
        Assert.Contains("is_global = true", lines);
        return lines
            .Where(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal))
            .Select(l => l.Split('='))
            .ToDictionary(p => p[0].Trim()["dotnet_diagnostic.".Length..^".severity".Length], p => p[1].Trim());
    }
}
