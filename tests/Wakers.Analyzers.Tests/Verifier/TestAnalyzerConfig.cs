using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wakers.Analyzers.Tests.Verifier;

/// <summary>
/// Analyzer options as an <c>.editorconfig</c> gives them: one set of keys for every file (<paramref name="perFile"/>)
/// and one for the global config (<paramref name="global"/>), or per file by path.
/// </summary>
public sealed class TestAnalyzerConfig : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;
    private readonly Options _everyFile;
    private readonly IReadOnlyDictionary<string, Options> _byPath;

    public TestAnalyzerConfig(IReadOnlyDictionary<string, string>? perFile = null, IReadOnlyDictionary<string, string>? global = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? byPath = null)
    {
        _global = new Options(global);
        _everyFile = new Options(perFile);
        var paths = new Dictionary<string, Options>();
        foreach (var pair in byPath ?? new Dictionary<string, IReadOnlyDictionary<string, string>>()) paths[pair.Key] = new Options(pair.Value);
        _byPath = paths;
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _byPath.TryGetValue(tree.FilePath, out var own) ? own : _everyFile;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _everyFile;

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public Options(IReadOnlyDictionary<string, string>? values)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string>(KeyComparer);
            foreach (var pair in values ?? new Dictionary<string, string>()) builder[pair.Key] = pair.Value;
            _values = builder.ToImmutable();
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
