using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Stores guarded by a test of the same slot: for WAKE001 they count on both branches; for WAKE002 the guard's
/// condition is evaluated in the "later poll" scenario (the slot is filled, the flag is set, the stored waker
/// belongs to another task) to see whether the store is skipped.
/// </summary>
internal sealed class RegistrationGuards
{
    private readonly Dictionary<int, RegistrationGuard> _guards;

    private RegistrationGuards(Dictionary<int, RegistrationGuard> guards) => _guards = guards;

    public IEnumerable<RegistrationGuard> All => _guards.Values;

    public bool IsGuard(int block) => _guards.ContainsKey(block);

    /// <summary>
    /// The guards of a graph, given the stores a first run met; null when there is none. A branch of a condition that
    /// tests a slot (or a flag) guards the stores it reaches over forward edges: the stores of this poll, not those a
    /// loop's next round would meet.
    /// </summary>
    public static RegistrationGuards? Find(ControlFlowGraph graph, DataflowResult firstRun, RegistrationEvaluator evaluator, GuardSearchWork work)
    {
        if (firstRun.Stores.Count == 0) return null;
        var storesByBlock = firstRun.Stores.Values.GroupBy(s => s.Block).ToDictionary(g => g.Key, g => g.ToList());
        var candidates = new List<(BasicBlock Guard, List<(GuardTest Test, string Slot)> Atoms)>();
        GuardQuestions? questions = null;
        ForwardWalks? walks = null;
        work.Visits += graph.Blocks.Length;
        // First round: every condition that tests a slot some store (or flag write) of the method could match, and what its branches will be asked.
        foreach (var g in graph.Blocks)
        {
            if (g.ConditionKind == ControlFlowConditionKind.None || g.BranchValue is null) continue;
            var atoms = GuardConditions.Atoms(g.BranchValue, evaluator);
            if (atoms.Count == 0) continue;
            if (questions is null)
            {
                walks = new ForwardWalks(graph, work);
                // Flag writes matter only when a condition tests a flag; reading them costs a pass over every operation.
                questions = new GuardQuestions(walks, storesByBlock, () => GuardConditions.FlagWrites(graph, evaluator));
            }
            atoms.RemoveAll(a => !questions.CanAnswer(Question(a.Test, a.Slot), a.Slot));
            if (atoms.Count == 0) continue;
            candidates.Add((g, atoms));
            foreach (var start in Starts(g))
            {
                questions.Expect(GuardQuestion.Store, "", start, g.Ordinal);
                foreach (var (test, slot) in atoms) questions.Expect(Question(test, slot), slot, start, g.Ordinal);
            }
        }
        if (questions is null || walks is null) return null;
        var guards = new Dictionary<int, RegistrationGuard>();
        foreach (var (g, atoms) in candidates)
        {
            foreach (var start in Starts(g))
            {
                if (questions.Ask(GuardQuestion.Store, "", start, g.Ordinal) is null) continue;
                foreach (var (test, slot) in atoms)
                {
                    var question = Question(test, slot);
                    var answer = questions.Ask(question, slot, start, g.Ordinal);
                    if (test == GuardTest.Flag)
                    {
                        // The condition block's own flag write counts after every write its branch reaches.
                        if ((answer ?? questions.OwnFlagWrite(g.Ordinal, slot)) is not { } value) continue;
                        var guard = Guard(guards, g.Ordinal, walks, storesByBlock);
                        guard.Tests.Add(test);
                        guard.FlagValues[slot] = value;
                        guard.AddGuardedReach(start, questions.Answers(GuardQuestion.Store, ""), _ => true);
                    }
                    else
                    {
                        if (answer is null) continue;
                        var guard = Guard(guards, g.Ordinal, walks, storesByBlock);
                        guard.Tests.Add(test);
                        if (test == GuardTest.Empty) guard.EmptySlots.Add(slot);
                        var anyStore = question == GuardQuestion.Store;
                        guard.AddGuardedReach(start, questions.Answers(question, slot), s => anyStore || s.Slots.Any(k => StoreSlots.Related(k, slot)));
                    }
                }
            }
        }
        return guards.Count == 0 ? null : new RegistrationGuards(guards);
    }

    // A comparison through a local (`map.TryGetValue(id, out var w) && w.WillWake(cx.Waker)`) guards every store it reaches.
    private static GuardQuestion Question(GuardTest test, string slot) => test switch
    {
        GuardTest.Flag => GuardQuestion.Flag,
        GuardTest.Compare when slot.StartsWith("local:", StringComparison.Ordinal) => GuardQuestion.Store,
        _ => GuardQuestion.Related,
    };

    private static IEnumerable<int> Starts(BasicBlock guard)
    {
        if (guard.ConditionalSuccessor?.Destination is { } c) yield return c.Ordinal;
        if (guard.FallThroughSuccessor?.Destination is { } f) yield return f.Ordinal;
    }

    /// <summary>The guard's condition in the "later poll" scenario; null when it does not decide.</summary>
    public bool? ScenarioOutcome(int block, IOperation condition, RegistrationEvaluator evaluator)
    {
        if (!_guards.TryGetValue(block, out var guard)) return null;
        var v = GuardConditions.Scenario(condition, guard, evaluator, 0);
        return v switch { 1L => true, 0L => false, _ => null };
    }

    /// <summary>A short description of the guard for the message ("the slot is empty", ...).</summary>
    public static string Describe(RegistrationGuard guard) =>
        guard.Tests.Contains(GuardTest.Flag) ? "the flag is unset"
        : guard.Tests.Contains(GuardTest.Empty) ? "the slot is empty"
        : "the stored waker wakes the same task";

    private static RegistrationGuard Guard(Dictionary<int, RegistrationGuard> guards, int ordinal, ForwardWalks walks, IReadOnlyDictionary<int, List<StoreSite>> storesByBlock)
    {
        if (!guards.TryGetValue(ordinal, out var guard)) guards[ordinal] = guard = new RegistrationGuard(ordinal, walks, storesByBlock);
        return guard;
    }
}
