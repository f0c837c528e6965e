using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>The runtime's types, looked up once per compilation; null when the compilation does not reference Wakers.</summary>
internal sealed class WakersSymbols
{
    private WakersSymbols(INamedTypeSymbol context, INamedTypeSymbol poll, INamedTypeSymbol waker, Compilation compilation)
    {
        Context = context;
        Poll = poll;
        Waker = waker;
        Future = compilation.GetTypeByMetadataName("Wakers.IFuture`1");
        AtomicWaker = compilation.GetTypeByMetadataName("Wakers.AtomicWaker");
        Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
        Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
        Volatile = compilation.GetTypeByMetadataName("System.Threading.Volatile");
        Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
    }

    public INamedTypeSymbol Context { get; }
    public INamedTypeSymbol Poll { get; }
    public INamedTypeSymbol Waker { get; }
    public INamedTypeSymbol? Future { get; }
    public INamedTypeSymbol? AtomicWaker { get; }
    public INamedTypeSymbol? Monitor { get; }
    public INamedTypeSymbol? Interlocked { get; }
    public INamedTypeSymbol? Volatile { get; }
    public INamedTypeSymbol? Lock { get; }

    /// <summary>The runtime's symbols, or null when <c>Wakers.Context</c> is absent (then no rule has work to do).</summary>
    public static WakersSymbols? TryCreate(Compilation compilation)
    {
        var context = compilation.GetTypeByMetadataName("Wakers.Context");
        var poll = compilation.GetTypeByMetadataName("Wakers.Poll`1");
        var waker = compilation.GetTypeByMetadataName("Wakers.Waker");
        return context is null || poll is null || waker is null ? null : new WakersSymbols(context, poll, waker, compilation);
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
