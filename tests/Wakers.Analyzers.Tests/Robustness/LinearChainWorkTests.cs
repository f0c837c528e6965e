using System.Threading.Tasks;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// The counted work stays linear on syntax that is deep in one direction: an else-if chain puts its k-th store k levels
/// down (a walk of each store's ancestors was quadratic), and long operator chains make deep expression trees.
/// </summary>
public class LinearChainWorkTests
{
    [Fact]
    public Task DoublingAnElseIfChainDoublesTheTypeModelsWork() =>
        WorkCount.AssertDoublesWithSize(WorkCount.TypeModel, "else-if chain", new[] { 250, 500, 1_000 }, DeepChainSources.ElseIfChain, "states");

    [Fact]
    public Task DoublingAnElseIfChainDoublesTheRegistrationDataflowsWork() =>
        WorkCount.AssertDoublesWithSize(WorkCount.RegistrationDataflow, "else-if chain", new[] { 250, 500, 1_000 }, DeepChainSources.ElseIfChain, "states");

    [Fact]
    public Task DoublingOperatorChainsDoublesTheTypeModelsWork() =>
        WorkCount.AssertDoublesWithSize(WorkCount.TypeModel, "operator chain", new[] { 500, 1_000, 2_000 }, DeepChainSources.OperatorChains, "terms");

    [Fact]
    public Task DoublingOperatorChainsDoublesTheRegistrationDataflowsWork() =>
        WorkCount.AssertDoublesWithSize(WorkCount.RegistrationDataflow, "operator chain", new[] { 500, 1_000, 2_000 }, DeepChainSources.OperatorChains, "terms");

    [Fact]
    public Task DoublingTheNestingOfPollLambdasDoublesTheTypeModelsWork() =>
        WorkCount.AssertDoublesWithSize(WorkCount.TypeModel, "nested poll lambdas", new[] { 100, 200, 400 }, DeepChainSources.NestedPollLambdas, "levels");

    [Fact]
    public Task DoublingTheNestingOfPollLambdasDoublesTheRegistrationDataflowsWork() =>
        WorkCount.AssertDoublesWithSize(WorkCount.RegistrationDataflow, "nested poll lambdas", new[] { 100, 200, 400 }, DeepChainSources.NestedPollLambdas, "levels");
}
