using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Wakers.TestSupport;
using Xunit;

namespace Wakers.PackageTests;

/// <summary>
/// Packs the repository once per test run into a temporary feed (its own artifacts path, so it never collides with
/// the outer build) and makes consumer projects that restore <c>Wakers</c> from that feed alone into a fresh folder.
/// </summary>
public sealed class PackedWakers : IDisposable
{
    public PackedWakers()
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "wakers-package-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(WorkDirectory);
        // Fences the consumers off from any MSBuild or NuGet settings above the temporary folder.
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Packages.props"), "<Project />\n");
        Feed = Path.Combine(WorkDirectory, "feed");
        PackagesPath = Path.Combine(WorkDirectory, "packages");
        File.WriteAllText(Path.Combine(WorkDirectory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="wakers-under-test" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
              </fallbackPackageFolders>
            </configuration>
            """);

        Pack = DotNet.Run(Repository.Root, "pack", Repository.PathOf("src/Wakers/Wakers.csproj"), "-c", "Release", "-o", Feed,
            "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"), "-nodeReuse:false");
        var packages = Directory.Exists(Feed)
            ? Directory.GetFiles(Feed, "Wakers.*.nupkg").Where(p => Regex.IsMatch(Path.GetFileName(p), @"^Wakers\.\d[^/]*(?<!\.symbols)\.nupkg$")).ToList()
            : new();
        if (Pack.ExitCode != 0 || packages.Count != 1)
        {
            throw new InvalidOperationException($"Packing Wakers failed ({packages.Count} packages in the feed):\n{Pack}");
        }
        PackageFile = packages[0];
        Version = Regex.Match(Path.GetFileName(PackageFile), @"^Wakers\.(.+)\.nupkg$").Groups[1].Value;
        ExtractedPackage = Path.Combine(WorkDirectory, "package");
        ZipFile.ExtractToDirectory(PackageFile, ExtractedPackage);
    }

    public string WorkDirectory { get; }
    public string Feed { get; }
    public string PackagesPath { get; }
    public ProcessResult Pack { get; }
    public string PackageFile { get; }
    public string Version { get; }
    public string ExtractedPackage { get; }

    /// <summary>
    /// A consumer project referencing only <c>Wakers</c> from the temporary feed, holding the files of
    /// <c>Consumers/<paramref name="sources"/></c>, with <paramref name="properties"/> (MSBuild property elements) added
    /// to its project; returns its folder.
    /// </summary>
    public string CreateConsumer(string name, string sources, string outputType, string properties = "")
    {
        var dir = Path.Combine(WorkDirectory, name);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumers", sources), "*.cs"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        }
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <RestorePackagesPath>{PackagesPath}</RestorePackagesPath>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Wakers" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        return dir;
    }

    /// <summary>The 1-based line of the "Bugs" consumer's deliberate lost wakeup (marked <c>// expect: WAKE001</c>).</summary>
    public static int LostWakeupLine(string consumerDirectory) =>
        File.ReadLines(Path.Combine(consumerDirectory, "LostWakeup.cs")).Select((text, i) => (text, i)).Single(l => l.text.Contains("// expect: WAKE001")).i + 1;

    /// <summary>Builds a consumer (restoring it first), with nothing cached from an earlier build.</summary>
    public static ProcessResult Build(string consumerDirectory) =>
        DotNet.Run(consumerDirectory, "build", "-c", "Debug", "--no-incremental", "-nodeReuse:false", "-clp:NoSummary");

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temporary folder is not worth failing a run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Every test that needs the packed package shares one pack.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedWakers>
{
    public const string Name = "Packed Wakers";
}
