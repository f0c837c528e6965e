using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>The runtime's types, looked up once per compilation; null when the compilation does not reference Wakers.</summary>
internal sealed class WakersSymbols
{
    private readonly System.Lazy<Threading> _threading;

    private WakersSymbols(INamedTypeSymbol context, INamedTypeSymbol poll, INamedTypeSymbol waker, IAssemblySymbol runtime, Compilation compilation)
    {
        Context = context;
        Poll = poll;
        Waker = waker;
        Future = runtime.GetTypeByMetadataName("Wakers.IFuture`1");
        AtomicWaker = runtime.GetTypeByMetadataName("Wakers.AtomicWaker");
        _threading = new System.Lazy<Threading>(() => new Threading(compilation), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public INamedTypeSymbol Context { get; }
    public INamedTypeSymbol Poll { get; }
    public INamedTypeSymbol Waker { get; }
    public INamedTypeSymbol? Future { get; }
    public INamedTypeSymbol? AtomicWaker { get; }

    // The framework's types are looked up on first use: a lookup by name searches every referenced assembly, and a
    // rule that never asks (most rules, on most code) should not pay for it.
    public INamedTypeSymbol? Monitor => _threading.Value.Monitor;
    public INamedTypeSymbol? Interlocked => _threading.Value.Interlocked;
    public INamedTypeSymbol? Volatile => _threading.Value.Volatile;
    public INamedTypeSymbol? Lock => _threading.Value.Lock;

    /// <summary>The runtime's symbols, or null when <c>Wakers.Context</c> is absent (then no rule has work to do).</summary>
    public static WakersSymbols? TryCreate(Compilation compilation)
    {
        // The runtime's own assembly first (this compilation, or the reference named Wakers): one assembly to search.
        var runtime = RuntimeAssembly(compilation);
        var context = runtime?.GetTypeByMetadataName("Wakers.Context");
        if (context is null)
        {
            context = compilation.GetTypeByMetadataName("Wakers.Context");
            runtime = context?.ContainingAssembly;
        }
        var poll = runtime?.GetTypeByMetadataName("Wakers.Poll`1");
        var waker = runtime?.GetTypeByMetadataName("Wakers.Waker");
        return context is null || poll is null || waker is null ? null : new WakersSymbols(context, poll, waker, runtime!, compilation);
    }

    // The compilation's own source wins, as it does for a lookup by name.
    private static IAssemblySymbol? RuntimeAssembly(Compilation compilation)
    {
        if (compilation.Assembly.Identity.Name == "Wakers" || compilation.Assembly.GetTypeByMetadataName("Wakers.Context") is not null)
        {
            return compilation.Assembly;
        }
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Identity.Name == "Wakers") return assembly;
        }
        return null;
    }

    private sealed class Threading
    {
        public Threading(Compilation compilation)
        {
            Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
            Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
            Volatile = compilation.GetTypeByMetadataName("System.Threading.Volatile");
            Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
        }

        public INamedTypeSymbol? Monitor { get; }
        public INamedTypeSymbol? Interlocked { get; }
        public INamedTypeSymbol? Volatile { get; }
        public INamedTypeSymbol? Lock { get; }
    }

    /// <summary>Whether <paramref name="method"/> is a poll method: a <c>Wakers.Context</c> parameter and a <c>Poll&lt;T&gt;</c> result.</summary>
    public bool IsPollMethod(IMethodSymbol? method) =>
        method is not null && IsPollType(method.ReturnType) && ContextParameter(method) is not null;

    /// <summary>The method's <c>Wakers.Context</c> parameter, if it has one.</summary>
    public IParameterSymbol? ContextParameter(IMethodSymbol method)
    {
        foreach (var p in method.Parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(p.Type, Context)) return p;
        }
        return null;
    }

    /// <summary>Whether <paramref name="type"/> is <c>Wakers.Poll&lt;T&gt;</c>.</summary>
    public bool IsPollType(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Poll);

    /// <summary>Whether <paramref name="type"/> is <c>Wakers.Waker</c> or derives from it.</summary>
    public bool IsWakerType(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, Waker)) return true;
        }
        return false;
    }
}
