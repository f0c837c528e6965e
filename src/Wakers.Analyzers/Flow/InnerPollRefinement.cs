using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Branch sensitivity: what a path learns from the outcome of a condition. <c>r.IsPending</c> (or <c>!r.IsReady</c>,
/// <c>!r.TryGetValue(out ..)</c>) true means the inner poll registered the waker; <c>r.IsReady</c> true means it did not.
/// Conditions on known bools prune infeasible paths.
/// </summary>
internal static class InnerPollRefinement
{
    /// <summary>The state on the edge where <paramref name="condition"/> is <paramref name="outcome"/>; null when that edge is infeasible.</summary>
    public static RegistrationState? Refine(RegistrationState s, IOperation? condition, bool outcome, RegistrationEvaluator evaluator, WakersSymbols symbols)
    {
        switch (condition)
        {
            case null:
                return s;
            case IConversionOperation c:
                return Refine(s, c.Operand, outcome, evaluator, symbols);
            case IParenthesizedOperation p:
                return Refine(s, p.Operand, outcome, evaluator, symbols);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Refine(s, not.Operand, !outcome, evaluator, symbols);
            case ILocalReferenceOperation or IFlowCaptureReferenceOperation or IParameterReferenceOperation:
            {
                var v = evaluator.Peek(condition, s);
                if (v.Kind == RegistrationValueKind.True) return outcome ? s : null;
                if (v.Kind == RegistrationValueKind.False) return outcome ? null : s;
                var key = condition switch
                {
                    ILocalReferenceOperation l => (object)l.Local,
                    IFlowCaptureReferenceOperation r => r.Id,
                    IParameterReferenceOperation p => p.Parameter,
                    _ => null,
                };
                if (key is null || condition.Type?.SpecialType != SpecialType.System_Boolean) return s;
                return s.With(key, RegistrationValue.Bool(outcome));
            }
            case IPropertyReferenceOperation { Property.Name: "IsReady" or "IsPending" } pr when symbols.IsPollType(pr.Property.ContainingType):
                return Readiness(s, evaluator.Peek(pr.Instance, s), pr.Property.Name == "IsReady" == outcome);
            case IInvocationOperation { TargetMethod.Name: "TryGetValue" } inv when symbols.IsPollType(inv.TargetMethod.ContainingType):
                return Readiness(s, evaluator.Peek(inv.Instance, s), outcome);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } b:
            {
                var equals = b.OperatorKind == BinaryOperatorKind.Equals;
                if (b.RightOperand.ConstantValue is { HasValue: true, Value: bool rb })
                {
                    return Refine(s, b.LeftOperand, equals == outcome ? rb : !rb, evaluator, symbols);
                }
                if (b.LeftOperand.ConstantValue is { HasValue: true, Value: bool lb })
                {
                    return Refine(s, b.RightOperand, equals == outcome ? lb : !lb, evaluator, symbols);
                }
                if (SlotFact.IsNullLiteral(b.RightOperand) || SlotFact.IsNullLiteral(b.LeftOperand))
                {
                    var tested = SlotFact.IsNullLiteral(b.RightOperand) ? b.LeftOperand : b.RightOperand;
                    return SlotFact.Refine(s, SlotFact.KeyOf(tested, evaluator), equals == outcome ? RegistrationValue.Null : RegistrationValue.NotNull);
                }
                return SlotFact.RefineRelation(s, b, outcome, evaluator);
            }
            case IIsPatternOperation { Pattern: IRecursivePatternOperation { PropertySubpatterns.Length: 1 } rp } isp
                when rp.PropertySubpatterns[0] is { Member: IPropertyReferenceOperation { Property.Name: "IsReady" or "IsPending" } member, Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool pb } } }
                     && symbols.IsPollType(member.Property.ContainingType):
            {
                // r is { IsPending: true }: only the match tells something about readiness.
                if (!outcome) return s;
                return Readiness(s, evaluator.Peek(isp.Value, s), member.Property.Name == "IsReady" == pb);
            }
            case IFieldReferenceOperation or IPropertyReferenceOperation when condition.Type?.SpecialType == SpecialType.System_Boolean:
                return SlotFact.Refine(s, SlotFact.KeyOf(condition, evaluator), outcome ? RegistrationValue.Bool(true) : RegistrationValue.Bool(false));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } relation:
                return SlotFact.RefineRelation(s, relation, outcome, evaluator);
            case IIsNullOperation isNull:
                return SlotFact.Refine(s, SlotFact.KeyOf(isNull.Operand, evaluator), outcome ? RegistrationValue.Null : RegistrationValue.NotNull);
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var nv } } isNullPattern when SlotFact.IsNullLiteral(nv):
                return SlotFact.Refine(s, SlotFact.KeyOf(isNullPattern.Value, evaluator), outcome ? RegistrationValue.Null : RegistrationValue.NotNull);
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var nnv } } } notNullPattern when SlotFact.IsNullLiteral(nnv):
                return SlotFact.Refine(s, SlotFact.KeyOf(notNullPattern.Value, evaluator), outcome ? RegistrationValue.NotNull : RegistrationValue.Null);
            case IIsPatternOperation { Pattern: IRecursivePatternOperation { PropertySubpatterns.Length: 0, DeconstructionSubpatterns.Length: 0 } } isSomething:
                return outcome ? SlotFact.Refine(s, SlotFact.KeyOf(isSomething.Value, evaluator), RegistrationValue.NotNull) : s;
            default:
                return condition.ConstantValue is { HasValue: true, Value: bool cb } ? (cb == outcome ? s : null) : s;
        }
    }

    private static RegistrationState? Readiness(RegistrationState s, RegistrationValue poll, bool ready)
    {
        switch (poll.Kind)
        {
            case RegistrationValueKind.InnerPoll:
                return ready ? s.WithoutOpenPoll(poll.Token!) : s.Registered().WithoutOpenPoll(poll.Token!);
            case RegistrationValueKind.Pending:
                return ready ? null : s;
            case RegistrationValueKind.Ready:
                return ready ? s : null;
            default:
                return s;
        }
    }
}
