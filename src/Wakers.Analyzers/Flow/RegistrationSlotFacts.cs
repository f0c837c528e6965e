using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Per-path facts about fields the poll method tests (a done flag, a slot that is null): a join that skips an inner
/// poll because its flag is set must not be seen returning Pending on a path where both flags are set.
/// </summary>
internal static class SlotFact
{
    /// <summary>The state key of a field/property chain ("slot:this._aDone"), or null.</summary>
    public static string? KeyOf(IOperation? op, RegistrationEvaluator evaluator)
    {
        if (op is null) return null;
        // The same conditions and targets are keyed on every path: build each key string once per graph.
        if (evaluator.SlotKeys.TryGetValue(op, out var cached)) return cached;
        return evaluator.SlotKeys[op] = ComputeKey(op, evaluator);
    }

    private static string? ComputeKey(IOperation? op, RegistrationEvaluator evaluator)
    {
        while (op is IConversionOperation c) op = c.Operand;
        if (op is not (IFieldReferenceOperation or IPropertyReferenceOperation or IFlowCaptureReferenceOperation)) return null;
        if (op is IPropertyReferenceOperation { Arguments.Length: > 0 }) return null;
        var key = StoreSlots.Key(op, evaluator);
        return key is null || key.StartsWith("local:", System.StringComparison.Ordinal) || key.StartsWith("param:", System.StringComparison.Ordinal)
            ? null : "slot:" + key;
    }

    /// <summary>The edge's state given the slot's value there; null when the path already knows the opposite.</summary>
    public static RegistrationState? Refine(RegistrationState s, string? key, RegistrationValue value)
    {
        if (key is null) return s;
        var known = s.Get(key);
        if (known.Kind != RegistrationValueKind.Unknown && !known.Equals(value)) return null;
        return s.With(key, value);
    }

    /// <summary>What a slot holds after an assignment (unknown unless the value says so).</summary>
    public static RegistrationValue Assigned(IOperation value, RegistrationValue evaluated)
    {
        if (evaluated.Kind is RegistrationValueKind.True or RegistrationValueKind.False) return evaluated;
        var v = value;
        while (v is IConversionOperation c) v = c.Operand;
        if (IsNullLiteral(v) || v is IDefaultValueOperation { Type.IsReferenceType: true }) return RegistrationValue.Null;
        // A new object, or a non-nullable value converted into a nullable slot: not null.
        if (v is IObjectCreationOperation or IAnonymousObjectCreationOperation or IArrayCreationOperation) return RegistrationValue.NotNull;
        if (v.Type is { IsValueType: true } t && t.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T) return RegistrationValue.NotNull;
        if (evaluated.IsCarrier) return RegistrationValue.NotNull;
        // Otherwise trust the declared nullability (a result just taken from a Ready poll is not null).
        return v.Type is { IsReferenceType: true, NullableAnnotation: NullableAnnotation.Annotated } ? RegistrationValue.Unknown : RegistrationValue.NotNull;
    }

    /// <summary>After <c>_left = (true, v)</c>: what each element of the tuple slot now holds, by name and by ItemN.</summary>
    public static RegistrationState AssignedParts(RegistrationState s, string slot, IOperation value, ITypeSymbol? slotType)
    {
        while (value is IConversionOperation c) value = c.Operand;
        if (value is not ITupleOperation tuple || slotType is not INamedTypeSymbol { IsTupleType: true } type) return s;
        var elements = type.TupleElements;
        for (var i = 0; i < tuple.Elements.Length && i < elements.Length; i++)
        {
            var part = tuple.Elements[i];
            var known = part.ConstantValue is { HasValue: true, Value: bool b } ? RegistrationValue.Bool(b) : Assigned(part, RegistrationValue.Unknown);
            s = s.With(slot + "." + elements[i].Name, known).With(slot + ".Item" + (i + 1), known);
        }
        return s;
    }

    public static bool IsNullLiteral(IOperation? op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        return op is { ConstantValue: { HasValue: true, Value: null } };
    }

    private const string RelationPrefix = "rel:";

    /// <summary>
    /// Comparisons learned on a path (<c>_buf.Count &lt; _size</c> false means <c>_buf.Count &gt;= _size</c> true);
    /// forgotten at the next call or field write, which may change either side.
    /// </summary>
    public static RegistrationState? RefineRelation(RegistrationState s, IBinaryOperation b, bool outcome, RegistrationEvaluator evaluator)
    {
        var op = Symbol(b.OperatorKind);
        if (op is null) return s;
        if (!evaluator.RelationKeys.TryGetValue(b, out var keys)) evaluator.RelationKeys[b] = keys = new RelationKeys(b, op);
        var known = s.Relation(keys.Tested);
        if (known == true) return outcome ? s : null;
        if (known == false) return outcome ? null : s;
        return s.WithRelations(outcome ? keys.IfTrue : keys.IfFalse, LearnedValues);
    }

    private static readonly bool[] LearnedValues = { true, false, true, false };

    /// <summary>The state keys one comparison reads and, for each outcome, writes (built once per comparison).</summary>
    internal sealed class RelationKeys
    {
        public RelationKeys(IBinaryOperation b, string op)
        {
            var left = b.LeftOperand.Syntax.ToString();
            var right = b.RightOperand.Syntax.ToString();
            Tested = RelationPrefix + left + op + right;
            IfTrue = Learned(left, right, op);
            IfFalse = Learned(left, right, Negate(op));
        }

        public string Tested { get; }

        /// <summary>The relation that holds, the one that fails, and both mirrored.</summary>
        public string[] IfTrue { get; }
        public string[] IfFalse { get; }

        private static string[] Learned(string left, string right, string holds)
        {
            var fails = Negate(holds);
            return new[]
            {
                RelationPrefix + left + holds + right,
                RelationPrefix + left + fails + right,
                RelationPrefix + right + Swap(holds) + left,
                RelationPrefix + right + Swap(fails) + left,
            };
        }
    }

    /// <summary>Drops every learned comparison.</summary>
    public static RegistrationState ForgetRelations(RegistrationState s) => s.WithoutRelations();

    private static string? Symbol(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        BinaryOperatorKind.Equals => "==",
        BinaryOperatorKind.NotEquals => "!=",
        _ => null,
    };

    private static string Negate(string op) => op switch { "<" => ">=", ">=" => "<", ">" => "<=", "<=" => ">", "==" => "!=", _ => "==" };

    private static string Swap(string op) => op switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", _ => op };
}
