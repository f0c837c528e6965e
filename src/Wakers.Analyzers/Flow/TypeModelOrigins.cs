using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Where a value in one member comes from: the fields, properties and parameters it was read from, through
/// locals (<c>w = _w</c>), takes (<c>Interlocked.Exchange(ref _w, null)</c>), copies (<c>_waiters.ToArray()</c>,
/// <c>new List&lt;Waker&gt;(_waiters)</c>) and loops (<c>foreach (var w in toWake)</c>). Flow-insensitive, bounded.
/// </summary>
internal sealed class ValueOrigins
{
    private const int MaxDepth = 8;
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _assigned = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(ILocalSymbol, int), (HashSet<ISymbol> Origins, HashSet<ILocalSymbol> Visited)> _firstLocals = new(LocalAtDepth.Instance);

    public ValueOrigins(IOperation root)
    {
        foreach (var op in FlatTree.Of(root).Operations)
        {
            Work++;
            switch (op)
            {
                case IVariableDeclaratorOperation d when (d.Initializer?.Value ?? (d.Parent as IVariableDeclarationOperation)?.Initializer?.Value) is { } init:
                    Add(d.Symbol, init);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation l } a:
                    Add(l.Local, a.Value);
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals) Add(local, loop.Collection);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out } arg when arg.Parent is IInvocationOperation { Instance: { } receiver }:
                    foreach (var local in DeclaredOrReferenced(arg.Value)) Add(local, receiver);
                    break;
                case IInvocationOperation { Instance: ILocalReferenceOperation collection } fill when Fills(fill.TargetMethod.Name):
                    // `ws.Add(_q.Dequeue())`: the local collection now holds what the queue held (the drain idiom).
                    foreach (var a in fill.Arguments)
                    {
                        if (a.Value.Type is { IsValueType: true, SpecialType: not SpecialType.None }) continue;
                        Add(collection.Local, a.Value);
                    }
                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local } p when PatternValue(p) is { } value:
                    Add(local, value);
                    break;
                case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol local } p when PatternValue(p) is { } value:
                    Add(local, value);
                    break;
            }
        }
    }

    /// <summary>The operations and values visited so far.</summary>
    public long Work { get; private set; }

    /// <summary>Whether anything is known about this local (it was assigned in the member).</summary>
    public bool Knows(ILocalSymbol local) => _assigned.ContainsKey(local);

    /// <summary>The fields, properties and parameters <paramref name="value"/> was read from.</summary>
    public HashSet<ISymbol> Of(IOperation? value)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        Collect(value, result, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), 0);
        return result;
    }

    private void Collect(IOperation? op, HashSet<ISymbol> into, HashSet<ILocalSymbol> seen, int depth)
    {
        if (op is null || depth > MaxDepth) return;
        Work++;
        switch (op)
        {
            case IConversionOperation c: Collect(c.Operand, into, seen, depth + 1); break;
            case IParenthesizedOperation p: Collect(p.Operand, into, seen, depth + 1); break;
            case IFieldReferenceOperation f:
                into.Add(f.Field.OriginalDefinition);
                if (f.Instance is not IInstanceReferenceOperation) Collect(f.Instance, into, seen, depth + 1);
                break;
            case IPropertyReferenceOperation pr:
                into.Add(pr.Property.OriginalDefinition);
                if (pr.Instance is not IInstanceReferenceOperation) Collect(pr.Instance, into, seen, depth + 1);
                break;
            case IArrayElementReferenceOperation e: Collect(e.ArrayReference, into, seen, depth + 1); break;
            case IParameterReferenceOperation prm: into.Add(prm.Parameter); break;
            case ILocalReferenceOperation l when seen.Count == 0:
                // The first local on the way: what it comes from (and which locals that visits) depends only on it and
                // the depth, so each use of a local reassigned n times costs one lookup, not n walks of its values.
                if (!_firstLocals.TryGetValue((l.Local, depth), out var known))
                {
                    known = (new HashSet<ISymbol>(SymbolEqualityComparer.Default), seen);
                    seen.Add(l.Local);
                    if (_assigned.TryGetValue(l.Local, out var firstValues))
                    {
                        foreach (var v in firstValues) Collect(v, known.Origins, seen, depth + 1);
                    }
                    _firstLocals[(l.Local, depth)] = known = (known.Origins, new HashSet<ILocalSymbol>(seen, SymbolEqualityComparer.Default));
                }
                else seen.UnionWith(known.Visited);
                into.UnionWith(known.Origins);
                break;
            case ILocalReferenceOperation l:
                if (!seen.Add(l.Local) || !_assigned.TryGetValue(l.Local, out var values)) break;
                foreach (var v in values) Collect(v, into, seen, depth + 1);
                break;
            case IInvocationOperation call:
                Collect(call.Instance, into, seen, depth + 1);
                foreach (var a in call.Arguments) Collect(a.Value, into, seen, depth + 1);
                break;
            case IObjectCreationOperation create:
                foreach (var a in create.Arguments) Collect(a.Value, into, seen, depth + 1);
                break;
            case IConditionalAccessOperation access: Collect(access.WhenNotNull, into, seen, depth + 1); break;
            case IConditionalAccessInstanceOperation instance:
                Collect(AccessedValue(instance), into, seen, depth + 1);
                break;
            case ICoalesceOperation coalesce:
                Collect(coalesce.Value, into, seen, depth + 1);
                Collect(coalesce.WhenNull, into, seen, depth + 1);
                break;
            case IConditionalOperation conditional:
                Collect(conditional.WhenTrue, into, seen, depth + 1);
                Collect(conditional.WhenFalse, into, seen, depth + 1);
                break;
            case IDeclarationExpressionOperation declaration: Collect(declaration.Expression, into, seen, depth + 1); break;
        }
    }

    /// <summary>The value a <c>?.</c> tests: what <c>_w</c> in <c>_w?.Wake()</c> stands for.</summary>
    public static IOperation? AccessedValue(IConditionalAccessInstanceOperation instance)
    {
        for (var op = instance.Parent; op is not null; op = op.Parent)
        {
            // The receiver's syntax lies outside WhenNotNull (`_w` of `_w?.Wake()`): the nearest enclosing access is the one.
            if (op is IConditionalAccessOperation access) return access.Operation;
        }
        return null;
    }

    private sealed class LocalAtDepth : IEqualityComparer<(ILocalSymbol Local, int Depth)>
    {
        public static readonly LocalAtDepth Instance = new();
        public bool Equals((ILocalSymbol Local, int Depth) x, (ILocalSymbol Local, int Depth) y) =>
            x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Local, y.Local);
        public int GetHashCode((ILocalSymbol Local, int Depth) key) => SymbolEqualityComparer.Default.GetHashCode(key.Local) * 31 + key.Depth;
    }

    private static bool Fills(string name) =>
        name is "Add" or "AddRange" or "Enqueue" or "Push" or "Insert" or "InsertRange" or "AddLast" or "AddFirst" or "TryAdd";

    private void Add(ILocalSymbol local, IOperation value)
    {
        if (!_assigned.TryGetValue(local, out var list)) _assigned[local] = list = new List<IOperation>();
        list.Add(value);
    }

    private static IEnumerable<ILocalSymbol> DeclaredOrReferenced(IOperation value)
    {
        foreach (var op in LockRegions.Walk(value))
        {
            if (op is ILocalReferenceOperation l) yield return l.Local;
        }
    }

    private static IOperation? PatternValue(IOperation pattern)
    {
        for (var op = pattern.Parent; op is not null; op = op.Parent)
        {
            switch (op)
            {
                case IIsPatternOperation isPattern: return isPattern.Value;
                case ISwitchExpressionOperation switchExpression: return switchExpression.Value;
                case ISwitchOperation switchStatement: return switchStatement.Value;
                case IPatternOperation: continue;
                case IPropertySubpatternOperation sub: return sub.Member;
                default:
                    if (op is IPatternCaseClauseOperation or ISwitchExpressionArmOperation or ISwitchCaseOperation) continue;
                    return null;
            }
        }
        return null;
    }
}

/// <summary>Types that hold wakers: <c>Waker</c>, <c>AtomicWaker</c>, and arrays, collections, tuples or small classes of them.</summary>
internal static class WakerHolders
{
    // Asked for nearly every receiver and argument: remembered per type, per compilation (its WakersSymbols).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WakersSymbols, System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool>> Known = new();

    public static bool Holds(ITypeSymbol? type, WakersSymbols symbols)
    {
        if (type is null) return false;
        var known = Known.GetValue(symbols, _ => new System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default));
        return known.TryGetValue(type, out var holds) ? holds : known[type] = Holds(type, symbols, 0);
    }

    private static bool Holds(ITypeSymbol? type, WakersSymbols symbols, int depth)
    {
        if (type is null || depth > 3) return false;
        if (symbols.IsWakerType(type)) return true;
        if (symbols.AtomicWaker is not null && SymbolEqualityComparer.Default.Equals(type, symbols.AtomicWaker)) return true;
        switch (type)
        {
            case IArrayTypeSymbol array: return Holds(array.ElementType, symbols, depth + 1);
            case INamedTypeSymbol named:
                foreach (var t in named.TypeArguments)
                {
                    if (Holds(t, symbols, depth + 1)) return true;
                }
                if (named.IsTupleType)
                {
                    foreach (var e in named.TupleElements)
                    {
                        if (Holds(e.Type, symbols, depth + 1)) return true;
                    }
                }
                // A small node class in source that keeps a waker (a waiter entry).
                if (depth < 2 && named.Locations.Length > 0 && named.Locations[0].IsInSource && named.TypeKind is TypeKind.Class or TypeKind.Struct)
                {
                    foreach (var m in named.GetMembers())
                    {
                        if (m is IFieldSymbol { IsStatic: false } f && Holds(f.Type, symbols, depth + 2)) return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}
