using System;
using System.Collections.Generic;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// The strongly connected components of a graph given as successor lists (Tarjan, iteratively: a huge method must not
/// overflow the stack). Components are numbered so that every edge between two of them goes to a smaller number:
/// Tarjan completes a component after every component it reaches.
/// </summary>
internal sealed class StronglyConnected
{
    private StronglyConnected(int[] of, List<List<int>> members, long steps)
    {
        Of = of;
        Members = members;
        Steps = steps;
    }

    /// <summary>Per node, its component's number.</summary>
    public int[] Of { get; }

    /// <summary>Per component, its nodes.</summary>
    public List<List<int>> Members { get; }

    /// <summary>How many steps the search took (one per node and edge), for the work counts.</summary>
    public long Steps { get; }

    public static StronglyConnected Find(int[][] successors)
    {
        var n = successors.Length;
        var of = new int[n];
        var index = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        for (var b = 0; b < n; b++) index[b] = -1;
        var stack = new Stack<int>();
        var call = new Stack<(int Node, int Next)>();
        var members = new List<List<int>>();
        var counter = 0;
        long steps = 0;
        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0) continue;
            call.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (call.Count > 0)
            {
                var (v, next) = call.Pop();
                steps++;
                if (next < successors[v].Length)
                {
                    call.Push((v, next + 1));
                    var w = successors[v][next];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        call.Push((w, 0));
                    }
                    else if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (low[v] == index[v])
                {
                    var component = new List<int>();
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        of[w] = members.Count;
                        component.Add(w);
                    }
                    while (w != v);
                    members.Add(component);
                }
                if (call.Count > 0)
                {
                    var parent = call.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
        return new StronglyConnected(of, members, steps);
    }
}
