using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>What calls do with a waker handed to them, for methods whose body we cannot (or need not) read.</summary>
internal static class RegistrationCallees
{
    /// <summary>Methods known to look at an argument without keeping it (comparisons, formatting, logging, lookups).</summary>
    public static bool IsKnownNonKeeping(IMethodSymbol method)
    {
        switch (method.Name)
        {
            case "WillWake":
            case "Equals":
            case "GetHashCode":
            case "ToString":
            case "GetType":
            case "ReferenceEquals":
            case "Contains":
            case "ContainsKey":
            case "ContainsValue":
            case "IndexOf":
            case "LastIndexOf":
            case "Remove":
            case "TryRemove":
            case "ThrowIfNull":
            case "nameof":
                return true;
        }
        var type = method.ContainingType;
        if (type is null) return false;
        // Namespaces compared part by part: formatting a display string per call was a hot spot of the dataflow.
        var ns = type.ContainingNamespace;
        switch (type.Name)
        {
            case "String" or "Console" or "Object" when IsNamespace(ns, "System"):
            case "Debug" or "Trace" when IsNamespace(ns, "Diagnostics", "System"):
            case "StringBuilder" when IsNamespace(ns, "Text", "System"):
            case "TextWriter" when IsNamespace(ns, "IO", "System"):
            case "DefaultInterpolatedStringHandler":
                return true;
        }
        for (var n = ns; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
        {
            if (IsNamespace(n, "Logging", "Extensions", "Microsoft")) return true;
        }
        return false;
    }

    // Whether ns is the namespace whose parts, innermost first, are the names given (and nothing encloses the last).
    private static bool IsNamespace(INamespaceSymbol? ns, string innermost, string? middle = null, string? outermost = null)
    {
        if (!Part(ref ns, innermost) || middle is not null && !Part(ref ns, middle) || outermost is not null && !Part(ref ns, outermost)) return false;
        return ns is null || ns.IsGlobalNamespace;
    }

    private static bool Part(ref INamespaceSymbol? ns, string name)
    {
        if (ns is null || ns.IsGlobalNamespace || ns.Name != name) return false;
        ns = ns.ContainingNamespace;
        return true;
    }

    /// <summary>Types whose construction around a waker keeps nothing beyond the new object (and strings, exceptions).</summary>
    public static bool IsNonKeepingConstruction(ITypeSymbol? type, WakersSymbols symbols)
    {
        if (type is null) return false;
        if (SymbolEqualityComparer.Default.Equals(type, symbols.Context)) return true;
        if (type.SpecialType == SpecialType.System_String) return true;
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == "Exception" && IsNamespace(t.ContainingNamespace, "System")) return true;
        }
        return false;
    }

    /// <summary>A call on the waker (or a delegate holding it) that wakes it.</summary>
    public static bool IsWakeCall(IMethodSymbol method) =>
        method.Name is "Wake" or "Invoke" or "BeginInvoke" or "DynamicInvoke" && !method.IsStatic;

    /// <summary>A method whose body is in this compilation and can be read.</summary>
    public static bool HasReadableBody(IMethodSymbol method) =>
        !method.IsAbstract && !method.IsExtern && method.DeclaringSyntaxReferences.Length > 0;
}
