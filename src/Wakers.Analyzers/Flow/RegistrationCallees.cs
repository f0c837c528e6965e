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
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        switch (type.Name)
        {
            case "String" when ns == "System":
            case "Console" when ns == "System":
            case "Debug" when ns == "System.Diagnostics":
            case "Trace" when ns == "System.Diagnostics":
            case "StringBuilder" when ns == "System.Text":
            case "TextWriter" when ns == "System.IO":
            case "DefaultInterpolatedStringHandler":
            case "Object" when ns == "System":
                return true;
        }
        return ns.StartsWith("Microsoft.Extensions.Logging", System.StringComparison.Ordinal);
    }

    /// <summary>Types whose construction around a waker keeps nothing beyond the new object (and strings, exceptions).</summary>
    public static bool IsNonKeepingConstruction(ITypeSymbol? type, WakersSymbols symbols)
    {
        if (type is null) return false;
        if (SymbolEqualityComparer.Default.Equals(type, symbols.Context)) return true;
        if (type.SpecialType == SpecialType.System_String) return true;
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == "Exception" && t.ContainingNamespace?.ToDisplayString() == "System") return true;
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
