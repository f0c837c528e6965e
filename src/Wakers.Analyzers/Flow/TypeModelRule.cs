using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wakers.Analyzers.Flow;

/// <summary>The shared shape of the rules that judge a whole type: build its model, then ask one question of it.</summary>
public abstract class TypeModelRule : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = WakersSymbols.TryCreate(start.Compilation);
            if (symbols is null) return;
            // Locations reported by a type's own model: its joined model (at compilation end) does not repeat them.
            var reported = new ConcurrentDictionary<Location, byte>();
            start.RegisterTypeModelAction(symbols, (model, end) =>
            {
                // The five rules share the model, which fills its caches as it is asked: one rule at a time.
                lock (model)
                {
                    model.Cancellation = end.CancellationToken;
                    try
                    {
                        foreach (var d in Judge(model))
                        {
                            if (reported.TryAdd(d.Location, 0)) end.ReportDiagnostic(d);
                        }
                        model.ReportWork();
                    }
                    finally
                    {
                        model.Cancellation = default;
                    }
                }
            }, (model, judged, report) =>
            {
                // Reported at compilation end with the rules' own (untagged) descriptors, on purpose: the CompilationEnd
                // tag (RS1037) marks a whole analyzer build-only in the IDE, which would hide the per-type findings, nearly
                // all of them, from live analysis. The price: the cross-type ones show in builds and full-solution analysis only.
                lock (model)
                {
                    foreach (var d in Judge(model))
                    {
                        // Only what the other halves do: the poll's own type was judged on its own.
                        if (judged(d.Location) && reported.TryAdd(d.Location, 0)) report(d);
                    }
                }
            });
        });
    }

    internal abstract IEnumerable<Diagnostic> Judge(TypeModel model);

    internal static string NameOf(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } ctor ? ctor.ContainingType.Name : member.Name;
}
