using System.Threading.Tasks;
using Wakers.Analyzers.Flow;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// The type rules (WAKE004/005/006/009/010) do work linear in one method's size: the operations, blocks, edges and
/// reads their type model visits are counted (<see cref="TypeModelWork"/>), never timed. Doubling a method must about
/// double the count; a walk per store or per read pair would quadruple it. So does WAKE001/WAKE002's dataflow
/// (<see cref="RegistrationWork"/>).
/// </summary>
public class LinearWorkTests
{
    [Theory]
    [InlineData("huge")]
    [InlineData("locked")]
    [InlineData("loop")]
    [InlineData("wide")]
    public Task DoublingAMethodDoublesTheTypeModelsWork(string shape) =>
        WorkCount.AssertDoublesWithSize(WorkCount.TypeModel, shape, new[] { 400, 800, 1_600 }, n => Source(shape, n), "lines");

    /// <summary>
    /// WAKE001/WAKE002's dataflow processes each block once per path it holds (a bounded set), and a path state copied
    /// into a block must not grow with the method: a wide switch learns one comparison per case, which used to be
    /// copied into every later case's state (the count adds the facts a block carries in, so it would quadruple); a
    /// poll that stores a hundred fields carried a fact per field into every later block. The guard search is counted
    /// too: a walk per test of a slot or flag, from each of its branches, was quadratic where the tests reach no store
    /// (tests after the stores), where each slot's store sits under its own test, in a state machine inside a loop,
    /// and in a helper judged for a store-once guard of its own.
    /// </summary>
    [Theory]
    [InlineData("huge")]
    [InlineData("locked")]
    [InlineData("loop")]
    [InlineData("wide")]
    [InlineData("tests-after-the-stores")]
    [InlineData("slot-per-test")]
    [InlineData("looped-machine")]
    [InlineData("guarded-helper")]
    public Task DoublingAPollMethodDoublesTheRegistrationDataflowsWork(string shape) =>
        WorkCount.AssertDoublesWithSize(WorkCount.RegistrationDataflow, shape, new[] { 400, 800, 1_600 }, n => Source(shape, n), "lines");

    private static string Source(string shape, int lines) => shape switch
    {
        "huge" => StressSources.HugePoll(lines),
        "locked" => StressSources.HugeLockedPoll(lines),
        "loop" => StressSources.HugeLoopPoll(lines),
        "tests-after-the-stores" => GuardSearchSources.TestsAfterTheStores(lines),
        "slot-per-test" => GuardSearchSources.SlotPerTest(lines),
        "looped-machine" => GuardSearchSources.LoopedMachine(lines),
        "guarded-helper" => GuardSearchSources.GuardedHelper(lines),
        // A case is about three lines, and an arm one more (a multiple of 5 cases, so the last case does not jump past the end).
        _ => StressSources.WideSwitch(lines / 4),
    };
}
