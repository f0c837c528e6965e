using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Wakers.Analyzers.Tests.Verifier;

/// <summary>How test sources are compiled: C# latest, nullable enabled, a library, against the real Wakers runtime and .NET.</summary>
public static class TestProject
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(CreateReferences);

    /// <summary>The file name of the first test document; later ones are Test1.cs, Test2.cs ...</summary>
    public const string FirstFileName = "Test0.cs";

    /// <summary>The running .NET's own assemblies plus the Wakers runtime (the assembly of <see cref="Wakers.Poll{T}"/>).</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>C# latest, so every test sees the newest syntax a user could write.</summary>
    public static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Regular);

    /// <summary>The options of a library with nullable reference types on; unsafe allowed so robustness sources may use it.</summary>
    public static CSharpCompilationOptions CompilationOptions(OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        new(kind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true,
            concurrentBuild: false, deterministic: true);

    /// <summary>Compiles <paramref name="sources"/> as Test0.cs, Test1.cs ... (no implicit usings).</summary>
    public static CSharpCompilation Compile(OutputKind kind, params string[] sources) =>
        CSharpCompilation.Create(
            "TestProject",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(SourceText.From(s), ParseOptions, $"Test{i}.cs")),
            References,
            CompilationOptions(kind));

    /// <summary>Compiles <paramref name="sources"/> as a library.</summary>
    public static CSharpCompilation Compile(params string[] sources) => Compile(OutputKind.DynamicallyLinkedLibrary, sources);

    /// <summary>A one-document project in a fresh <see cref="AdhocWorkspace"/> with the same references and options.</summary>
    public static Document CreateDocument(string source) => CreateProject(source).Documents.Single();

    /// <summary>A project of one document per source (Test0.cs, Test1.cs ...) in a fresh <see cref="AdhocWorkspace"/>.</summary>
    public static Project CreateProject(params string[] sources)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("TestProject");
        var project = ProjectInfo.Create(projectId, VersionStamp.Create(), "TestProject", "TestProject", LanguageNames.CSharp,
            compilationOptions: CompilationOptions(), parseOptions: ParseOptions, metadataReferences: References);
        var solution = workspace.CurrentSolution.AddProject(project);
        for (var i = 0; i < sources.Length; i++)
        {
            var name = i == 0 ? FirstFileName : $"Test{i}.cs";
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId, name), name, SourceText.From(sources[i]), filePath: name);
        }
        return solution.GetProject(projectId)!;
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        // Only the shared framework's assemblies: the test host's own (xunit, Roslyn, the analyzers) are not the user's.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.OrdinalIgnoreCase))
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        return trusted
            .Append(typeof(Wakers.Poll<>).Assembly.Location)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
