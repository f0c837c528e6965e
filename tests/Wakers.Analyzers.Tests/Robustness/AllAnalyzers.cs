using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Every analyzer the Wakers.Analyzers assembly ships, found by reflection so a new rule is covered the day it lands.</summary>
public static class AllAnalyzers
{
    /// <summary>The analyzer types: concrete, marked [DiagnosticAnalyzer], with a public parameterless constructor.</summary>
    public static ImmutableArray<Type> Types { get; } = typeof(Wakers.Analyzers.Descriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>Fresh instances of every analyzer.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Create() =>
        Types.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
}
