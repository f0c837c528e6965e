using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>What a non-poll method does to a stored waker.</summary>
internal enum WakerEffectKind
{
    /// <summary><c>_w?.Wake()</c>, <c>w.Wake()</c> after <c>w = _w</c>, <c>_aw.Wake()</c>, waking each waker of a list.</summary>
    Wake,

    /// <summary><c>Interlocked.Exchange(ref _w, null)</c>, <c>w = _w; _w = null;</c>, <c>_aw.Take()</c>, <c>ToArray()</c> + <c>Clear()</c>.</summary>
    Take,

    /// <summary><c>_w = null</c>, <c>_waiters.Clear()</c>, <c>_waiters = new ...</c>.</summary>
    Clear,

    /// <summary>The waker is handed to code we cannot see (it may wake it).</summary>
    PassOn,
}

/// <summary>A wake, take, clear or hand-off of a waker that came from one of <see cref="Origins"/> (fields, properties or parameters).</summary>
internal sealed class WakerEffect
{
    public WakerEffect(WakerEffectKind kind, HashSet<ISymbol> origins, SyntaxNode node, ISymbol owner)
    {
        Kind = kind;
        Origins = origins;
        Node = node;
        Owner = owner;
    }

    public WakerEffectKind Kind { get; }
    public HashSet<ISymbol> Origins { get; }
    public SyntaxNode Node { get; }

    /// <summary>For a take: a read followed by a separate clear (<c>w = _w; _w = null;</c>), two statements.</summary>
    public bool ReadAndClear { get; set; }

    /// <summary>For a wake: the waker was read into a local first (so a take before a write stays a take).</summary>
    public bool ThroughLocal { get; set; }

    /// <summary>The innermost method, local function or lambda it runs in.</summary>
    public ISymbol Owner { get; }
}

/// <summary>Whether a write could make a poll ready.</summary>
internal enum WrittenValue
{
    Other,
    False,
    True,
    Null,
}

/// <summary>A write of a field or property (an assignment, an increment, <c>Volatile.Write</c>, an <c>Add</c>/<c>Enqueue</c> on a held collection).</summary>
internal sealed class StateWrite
{
    public StateWrite(ISymbol member, WrittenValue value, bool removes, SyntaxNode node, ISymbol owner, bool inConstructorBody, object? constant = null,
        WriteDirection direction = WriteDirection.Unknown)
    {
        Constant = constant;
        Direction = direction;
        Member = member;
        Value = value;
        Removes = removes;
        Node = node;
        Owner = owner;
        InConstructorBody = inConstructorBody;
    }

    public ISymbol Member { get; }
    public WrittenValue Value { get; }

    /// <summary>The numeric constant written (<c>_count = 0</c>), if any.</summary>
    public object? Constant { get; }

    /// <summary>The one way the write can move the value (a decrement only goes down), if it is known.</summary>
    public WriteDirection Direction { get; }

    /// <summary>A collection mutation that only takes items out (<c>Clear</c>, <c>Dequeue</c>): it cannot make a poll ready.</summary>
    public bool Removes { get; }

    public SyntaxNode Node { get; }
    public ISymbol Owner { get; }

    /// <summary>Directly in a constructor's body (not in a lambda or local function there): initialization, not a publish.</summary>
    public bool InConstructorBody { get; }
}

/// <summary>A call to a method of the analyzed type, with where each argument's value comes from.</summary>
internal sealed class HelperCall
{
    public HelperCall(IMethodSymbol callee, SyntaxNode node, ISymbol owner, List<HashSet<ISymbol>> argumentOrigins, List<IParameterSymbol?> carriedParameters)
    {
        Callee = callee;
        Node = node;
        Owner = owner;
        ArgumentOrigins = argumentOrigins;
        CarriedParameters = carriedParameters;
    }

    public IMethodSymbol Callee { get; }
    public SyntaxNode Node { get; }
    public ISymbol Owner { get; }

    /// <summary>Per parameter of the callee: the fields/parameters its argument's value comes from.</summary>
    public List<HashSet<ISymbol>> ArgumentOrigins { get; }

    /// <summary>Per parameter of the callee: the caller's waker or Context parameter the argument carries, if any.</summary>
    public List<IParameterSymbol?> CarriedParameters { get; }
}

/// <summary>Facts about one member of the analyzed type (its lambdas and local functions included).</summary>
internal sealed class MemberFacts
{
    public MemberFacts(IMethodSymbol symbol, List<LockRegion> regions)
    {
        Symbol = symbol;
        Regions = regions;
    }

    public IMethodSymbol Symbol { get; }
    public bool IsConstructor => Symbol.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor;
    public bool IsDispose => Symbol.Name is "Dispose" or "DisposeAsync" || Symbol.Name.EndsWith(".Dispose", System.StringComparison.Ordinal);

    /// <summary>
    /// A future's (or stream's) own Dispose: nobody waits on a disposed future. A channel's or sender's Dispose that
    /// marks the other half closed is a publish like any other.
    /// </summary>
    public bool IsFutureDispose => IsDispose && IsFutureType(Symbol.ContainingType);

    private static bool IsFutureType(INamedTypeSymbol? type)
    {
        if (type is null) return false;
        foreach (var i in type.AllInterfaces)
        {
            if (i.OriginalDefinition.Name is "IFuture" or "IStream" && i.Arity == 1 && i.ContainingNamespace?.ToDisplayString() == "Wakers") return true;
        }
        return false;
    }
    public List<LockRegion> Regions { get; }
    public List<WakerEffect> Effects { get; } = new();
    public List<StateWrite> Writes { get; } = new();
    public List<HelperCall> Calls { get; } = new();

    /// <summary>Every field and property it reads (a getter or <c>TryTake</c> tested by a poll stands for these).</summary>
    public HashSet<ISymbol> Reads { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Which of its waker/Context parameters it stores, and where (a helper that registers for its caller).</summary>
    public List<(IParameterSymbol Parameter, ISymbol? Slot)> StoredParameters { get; } = new();

    /// <summary>Every method of the compilation it calls or refers to, its poll functions included (who calls a producer's step).</summary>
    public HashSet<IMethodSymbol> Invoked { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Functions inside it that are poll methods (their effects belong to the poll, not to this member).</summary>
    public HashSet<ISymbol> PollFunctions { get; } = new(SymbolEqualityComparer.Default);
}

/// <summary>One store of the waker in a poll method (or the call to a helper that stores it).</summary>
internal sealed class WakerStore
{
    public WakerStore(SyntaxNode node, IParameterSymbol carried, ISymbol? slot, bool guarded, ISymbol? registeredOn)
    {
        Carried = carried;
        Node = node;
        Slot = slot;
        Guarded = guarded;
        RegisteredOn = registeredOn;
    }

    public SyntaxNode Node { get; }

    /// <summary>The waker or Context parameter whose waker is stored.</summary>
    public IParameterSymbol Carried { get; }

    /// <summary>The field/property/collection the waker goes to; null for a callback handed to another object.</summary>
    public ISymbol? Slot { get; }

    /// <summary>Guarded by a test of the same slot or a flag (<c>??=</c>, <c>if (_w is null)</c>): WAKE002's question.</summary>
    public bool Guarded { get; }

    /// <summary>The object a callback is registered on (<c>_task</c> of <c>_task.ContinueWith(...)</c>).</summary>
    public ISymbol? RegisteredOn { get; }

    /// <summary>For a helper call: the callee and which of its parameters receives the waker (resolved at the type's end).</summary>
    public IMethodSymbol? Helper { get; set; }
    public int HelperParameter { get; set; } = -1;

    /// <summary>Where it lies in the poll's graph (<see cref="PollGraph"/>): its block, and its operation's index there; -1 when not found.</summary>
    public int Block { get; set; } = -1;
    public int Index { get; set; }

    /// <summary>The source span that the lock regions holding the store cover together (a read inside is read under one of those locks).</summary>
    public Microsoft.CodeAnalysis.Text.TextSpan? Held { get; set; }
}

/// <summary>Facts about one poll method of the analyzed type.</summary>
internal sealed class PollFacts
{
    public PollFacts(IMethodSymbol symbol, IMethodSymbol member, List<LockRegion> regions)
    {
        Symbol = symbol;
        Member = member;
        Regions = regions;
    }

    public IMethodSymbol Symbol { get; }

    /// <summary>The member the poll method is declared in (itself, or the member holding the lambda/local function).</summary>
    public IMethodSymbol Member { get; }

    /// <summary>Its lock regions (gathered only when it stores a waker: only then do the rules ask).</summary>
    public List<LockRegion> Regions { get; set; }
    public List<WakerStore> Stores { get; } = new();

    /// <summary>Its graph and condition reads, kept only when it stores a waker and some condition leading to Ready reads state.</summary>
    public PollGraph? Graph { get; set; }

    /// <summary>Every field/property its conditions leading to Ready read (before filtering by "written elsewhere").</summary>
    public HashSet<ISymbol> ConditionReads { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>For bool fields tested directly: the values that lead to Ready (both when unclear).</summary>
    public Dictionary<ISymbol, HashSet<bool>> ReadyWhen { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>For numbers compared with a constant on the way to Ready (<c>_count &gt; 0</c>): each test and whether its true side leads to Ready.</summary>
    public Dictionary<ISymbol, List<(BinaryOperatorKind Op, double Constant, bool ReadyWhenTrue)>> ReadyComparisons { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>For bit sets tested with a mask (<c>(_flags &amp; Bit) != 0</c>): per test, whether Ready is its "some bit set" side.</summary>
    public Dictionary<ISymbol, List<bool>> ReadyBitTests { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Members read by a Ready-leading condition in a shape we do not model (then any write may publish).</summary>
    public HashSet<ISymbol> OpaqueReads { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Methods of the type it calls (they are part of the poll).</summary>
    public HashSet<IMethodSymbol> Calls { get; } = new(SymbolEqualityComparer.Default);
}
