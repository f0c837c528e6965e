using System;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>Wraps analyzer callbacks so that a failure names the symbol and the file and line it was analyzing.</summary>
internal static class AnalyzerGuard
{
    public static void Run(ISymbol? symbol, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not WakersAnalyzerException)
        {
            throw new WakersAnalyzerException(Where(symbol), e);
        }
    }

    private static string Where(ISymbol? symbol)
    {
        var location = symbol?.Locations.Length > 0 ? symbol.Locations[0] : null;
        if (location is null || !location.IsInSource) return symbol?.ToDisplayString() ?? "<unknown>";
        var span = location.GetLineSpan();
        return $"{symbol!.ToDisplayString()} at {span.Path}({span.StartLinePosition.Line + 1})";
    }
}

/// <summary>An analyzer failure, with the place it was analyzing in the message.</summary>
internal sealed class WakersAnalyzerException : Exception
{
    public WakersAnalyzerException(string where, Exception inner)
        : base($"Wakers analyzer failed while analyzing {where}: {inner.Message}", inner)
    {
    }
}
