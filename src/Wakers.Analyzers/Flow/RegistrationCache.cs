using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Per compilation, the helper summaries and each poll method's registration analysis, shared by WAKE001 and WAKE002:
/// both read the same dataflow, which would otherwise run once per rule.
/// </summary>
internal sealed class RegistrationCache
{
    private static readonly ConditionalWeakTable<Compilation, RegistrationCache> PerCompilation = new();

    private readonly ConcurrentDictionary<SyntaxNode, Lazy<RegistrationAnalysis>> _analyses = new();

    private RegistrationCache(Compilation compilation, WakersSymbols symbols)
    {
        Summaries = new RegistrationSummaries(compilation, symbols);
        OutsidePoll = new RegistrationOutsidePoll(Summaries);
    }

    /// <summary>What the same-compilation helper methods do with a waker they are handed.</summary>
    public RegistrationSummaries Summaries { get; }

    /// <summary>Wakers kept outside poll methods (constructors, Start methods).</summary>
    public RegistrationOutsidePoll OutsidePoll { get; }

    /// <summary>The cache of <paramref name="compilation"/>; it lives as long as the compilation does.</summary>
    public static RegistrationCache For(Compilation compilation, WakersSymbols symbols) =>
        PerCompilation.GetValue(compilation, c => new RegistrationCache(c, symbols));

    /// <summary>
    /// The analysis of <paramref name="poll"/>, computed once whichever rule asks first. A cancelled analysis is not
    /// kept: the next request computes it again, and a request whose own token is live retries rather than fail with
    /// another request's cancellation.
    /// </summary>
    public RegistrationAnalysis Analyze(PollMethod poll, CancellationToken cancellation)
    {
        while (true)
        {
            var analysis = _analyses.GetOrAdd(poll.Declaration, _ => new Lazy<RegistrationAnalysis>(() => RegistrationAnalysis.Analyze(poll, Summaries, cancellation)));
            try
            {
                return analysis.Value;
            }
            catch (OperationCanceledException)
            {
                ((ICollection<KeyValuePair<SyntaxNode, Lazy<RegistrationAnalysis>>>)_analyses).Remove(new KeyValuePair<SyntaxNode, Lazy<RegistrationAnalysis>>(poll.Declaration, analysis));
                cancellation.ThrowIfCancellationRequested();
            }
        }
    }
}
