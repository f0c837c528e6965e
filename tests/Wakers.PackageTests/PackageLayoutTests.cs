using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace Wakers.PackageTests;

/// <summary>What is inside Wakers.nupkg: the runtime, the two analyzer assemblies, pinned to Roslyn 4.8, nothing else to reference.</summary>
[Collection(PackageCollection.Name)]
public class PackageLayoutTests
{
    private readonly PackedWakers _package;

    public PackageLayoutTests(PackedWakers package) => _package = package;

    [Theory]
    [InlineData("lib/net8.0/Wakers.dll")]
    [InlineData("lib/net8.0/Wakers.xml")]
    [InlineData("analyzers/dotnet/cs/Wakers.Analyzers.dll")]
    [InlineData("analyzers/dotnet/cs/Wakers.CodeFixes.dll")]
    [InlineData("README.md")]
    [InlineData("build/Wakers.targets")]
    [InlineData("buildTransitive/Wakers.targets")]
    [InlineData("build/config/wakers.recommended.globalconfig")]
    [InlineData("build/config/wakers.strict.globalconfig")]
    [InlineData("build/config/wakers.none.globalconfig")]
    public void PackageHolds(string entry)
    {
        Assert.True(File.Exists(Path.Combine(_package.ExtractedPackage, entry)),
            $"{entry} is missing from {Path.GetFileName(_package.PackageFile)}; it holds:\n" + string.Join("\n", Entries()));
    }

    [Fact]
    public void AnalyzerAssemblyReferencesRoslyn48AndNotWorkspaces()
    {
        var references = AssemblyReferences("analyzers/dotnet/cs/Wakers.Analyzers.dll");
        Assert.Equal(new Version(4, 8, 0, 0), references.Single(r => r.Name == "Microsoft.CodeAnalysis").Version);
        foreach (var (name, version) in references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
        {
            Assert.False(name.Contains("Workspaces", StringComparison.Ordinal), $"the analyzer assembly references {name}: an old host would lose the warnings too");
            Assert.True(version == new Version(4, 8, 0, 0), $"the analyzer assembly references {name} {version}; it must stay on 4.8.0.0");
        }
    }

    [Fact]
    public void AnalyzerAssemblyHoldsNoCodeFixProvider()
    {
        using var stream = File.OpenRead(Path.Combine(_package.ExtractedPackage, "analyzers/dotnet/cs/Wakers.Analyzers.dll"));
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            Assert.False(DerivesFromCodeFixProvider(md, type, depth: 0), $"{md.GetString(type.Namespace)}.{md.GetString(type.Name)} is a code fix in the analyzer assembly");
        }
    }

    [Fact]
    public void PackageDependsOnNothingElseOfOurs()
    {
        var nuspec = XDocument.Load(Directory.GetFiles(_package.ExtractedPackage, "*.nuspec").Single());
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id")).ToList();
        Assert.DoesNotContain(dependencies, id => id is not null && id.StartsWith("Wakers", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies, id => id is not null && id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.Equal("Wakers", nuspec.Descendants().Single(e => e.Name.LocalName == "id").Value);
    }

    private string[] Entries() => Directory.GetFiles(_package.ExtractedPackage, "*", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(_package.ExtractedPackage, p).Replace('\\', '/')).OrderBy(p => p, StringComparer.Ordinal).ToArray();

    private (string Name, Version Version)[] AssemblyReferences(string entry)
    {
        using var stream = File.OpenRead(Path.Combine(_package.ExtractedPackage, entry));
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => (md.GetString(r.Name), r.Version)).ToArray();
    }

    // Follows base types defined in the same assembly; a referenced base is judged by its name.
    private static bool DerivesFromCodeFixProvider(MetadataReader md, TypeDefinition type, int depth)
    {
        if (depth > 50 || type.BaseType.IsNil) return false;
        switch (type.BaseType.Kind)
        {
            case HandleKind.TypeReference:
                var reference = md.GetTypeReference((TypeReferenceHandle)type.BaseType);
                return md.GetString(reference.Name) == "CodeFixProvider" && md.GetString(reference.Namespace) == "Microsoft.CodeAnalysis.CodeFixes";
            case HandleKind.TypeDefinition:
                return DerivesFromCodeFixProvider(md, md.GetTypeDefinition((TypeDefinitionHandle)type.BaseType), depth + 1);
            default:
                return false;
        }
    }
}
