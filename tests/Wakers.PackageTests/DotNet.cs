using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Wakers.PackageTests;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>The command, its exit code and the tail of its output, for failure messages.</summary>
    public override string ToString() =>
        $"{Command}\nexit code {ExitCode}\n{(Output.Length > 12_000 ? "...\n" + Output[^12_000..] : Output)}";
}

/// <summary>Runs the dotnet CLI (or a built program) as a child process, with a hard time limit so a hang fails instead.</summary>
public static class DotNet
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(6);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        Execute("dotnet", workingDirectory, arguments, DefaultLimit);

    /// <summary>Runs any program; output is stdout and stderr interleaved.</summary>
    public static ProcessResult Execute(string fileName, string workingDirectory, IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The outer 'dotnet test' exports MSBuild settings meant for itself; a nested build must start clean.
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            var name = (string)e.Key;
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var command = fileName + " " + string.Join(" ", arguments);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) throw new TimeoutException($"{command} did not finish within {limit}:\n{output}");
        }
        process.WaitForExit(); // flushes the redirected output
        lock (output) return new ProcessResult(command, process.ExitCode, output.ToString());
    }
}
