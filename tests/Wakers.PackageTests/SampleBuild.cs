using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Wakers.TestSupport;

namespace Wakers.PackageTests;

/// <summary>
/// Builds samples/LostWakeups once (into a temporary artifacts path) and reads the WAKE warnings it shows, and the
/// <c>// BUG WAKE00N</c> comments that mark where its deliberate bugs are.
/// </summary>
public sealed class SampleBuild : IDisposable
{
    private static readonly Regex Warning = new(@"^\s*(?<file>\S[^(]*\.cs)\((?<line>\d+),(?<col>\d+)\): warning (?<id>WAKE\d{3}): (?<message>.+?)(?: \[[^\]]+\])?$", RegexOptions.Multiline);
    private static readonly Regex BugMark = new(@"// BUG (?<id>WAKE\d{3}):");

    public SampleBuild()
    {
        SampleDirectory = Repository.PathOf("samples/LostWakeups");
        ArtifactsDirectory = Path.Combine(Path.GetTempPath(), "wakers-sample-build-" + Guid.NewGuid().ToString("N")[..12]);
        Result = DotNet.Run(SampleDirectory, "build", Path.Combine(SampleDirectory, "LostWakeups.csproj"), "--no-incremental",
            "--artifacts-path", ArtifactsDirectory, "-nodeReuse:false");
        Warnings = Warning.Matches(Result.Output)
            .Select(m => new Finding(Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value), m.Groups["id"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();
        Marks = Directory.GetFiles(SampleDirectory, "*.cs")
            .SelectMany(file => File.ReadLines(file).Select((text, i) => (text, line: i + 1))
                .SelectMany(l => BugMark.Matches(l.text).Select(m => new Finding(Path.GetFileName(file), l.line, m.Groups["id"].Value, ""))))
            .ToList();
    }

    public string SampleDirectory { get; }
    public string ArtifactsDirectory { get; }
    public ProcessResult Result { get; }

    /// <summary>Each WAKE warning of the build once: file name, line, id, message.</summary>
    public IReadOnlyList<Finding> Warnings { get; }

    /// <summary>Each <c>// BUG WAKE00N:</c> comment of the sample: file name, line, id.</summary>
    public IReadOnlyList<Finding> Marks { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(ArtifactsDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temporary folder is not worth failing a run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public sealed record Finding(string File, int Line, string Id, string Message)
    {
        public override string ToString() => $"{File}({Line}): {Id} {Message}";
    }
}
