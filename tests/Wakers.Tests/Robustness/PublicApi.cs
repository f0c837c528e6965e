using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Wakers.Tests.Robustness;

/// <summary>The runtime's public surface, listed by reflection so the bad-input tests notice new API.</summary>
internal static class PublicApi
{
    private static IEnumerable<MethodBase> Members() => typeof(IFuture<>).Assembly.GetExportedTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).Cast<MethodBase>().Concat(t.GetConstructors()));

    /// <summary>"Type.Method(parameter)" for each public parameter of type <paramref name="type"/>.</summary>
    public static IEnumerable<string> Parameters(Type type) => Members()
        .SelectMany(m => m.GetParameters().Where(p => p.ParameterType == type).Select(p => $"{m.DeclaringType!.Name}.{m.Name}({p.Name})"))
        .Distinct();

    /// <summary>"Type.Method" for each public method that returns a future (or a type that is one), overloads once.</summary>
    public static IEnumerable<string> FutureMakers() => Members().OfType<MethodInfo>()
        .Where(m => IsFuture(m.ReturnType))
        .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
        .Distinct();

    private static bool IsFuture(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IFuture<>))
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFuture<>))
        || (type.IsGenericType && type.GetGenericArguments().Any(IsFuture) && type.Name.StartsWith("ValueTuple", StringComparison.Ordinal));
}
