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
            start.RegisterTypeModelAction(symbols, (model, end) =>
            {
                var seen = new HashSet<Location>();
                foreach (var d in Judge(model))
                {
                    if (seen.Add(d.Location)) end.ReportDiagnostic(d);
                }
            });
        });
    }

    internal abstract IEnumerable<Diagnostic> Judge(TypeModel model);

    internal static string NameOf(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } ctor ? ctor.ContainingType.Name : member.Name;
}
