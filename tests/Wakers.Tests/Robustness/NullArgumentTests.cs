using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Sync;
using Xunit;

namespace Wakers.Tests.Robustness;

// Every public method or constructor of the runtime with a non-nullable reference-type parameter rejects null there with
// an ArgumentNullException naming that parameter. New API is covered automatically: the test fails when it cannot build
// an argument or an instance for it, so extend the factories below.
public class NullArgumentTests
{
    [Fact]
    public void EveryNonNullableReferenceParameterRejectsNullByName()
    {
        var nullability = new NullabilityInfoContext();
        var failures = new List<string>();
        var checkedParameters = new List<string>();
        foreach (var type in typeof(IFuture<>).Assembly.GetExportedTypes())
        {
            // Exception constructors take a null message by .NET convention; a ref struct cannot be boxed for Invoke.
            if (typeof(Exception).IsAssignableFrom(type) || type.IsByRefLike || typeof(Delegate).IsAssignableFrom(type)) continue;
            var members = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !m.IsAbstract)
                .Cast<MethodBase>()
                .Concat(type.IsAbstract ? Array.Empty<MethodBase>() : type.GetConstructors());
            foreach (var member in members)
            {
                var parameters = member.GetParameters();
                for (var i = 0; i < parameters.Length; i++)
                {
                    var parameter = parameters[i];
                    if (!MustRejectNull(parameter, nullability)) continue;
                    var name = $"{type.Name}.{member.Name}({parameter.Name})";
                    checkedParameters.Add(name);
                    var failure = CallWithNull(type, member, i);
                    if (failure is not null) failures.Add($"{name}: {failure}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Null arguments not rejected properly:\n" + string.Join("\n", failures));
        // The enumeration itself works: the known entry points are among the checked parameters.
        Assert.Contains("Executor.Spawn(future)", checkedParameters);
        Assert.Contains("AtomicWaker.Register(waker)", checkedParameters);
        Assert.Contains("Future.JoinAll(futures)", checkedParameters);
        Assert.Contains("LocalExecutor.RunUntil(future)", checkedParameters);
        Assert.Contains("Waker.WillWake(other)", checkedParameters);
        Assert.True(checkedParameters.Count >= 25, $"only {checkedParameters.Count} parameters checked: {string.Join(", ", checkedParameters)}");
    }

    [Fact]
    public void EveryNullableReferenceParameterAcceptsNull()
    {
        // A parameter annotated as nullable promises to take null: no exception at all.
        var nullability = new NullabilityInfoContext();
        var failures = new List<string>();
        var checkedParameters = new List<string>();
        foreach (var type in typeof(IFuture<>).Assembly.GetExportedTypes().Where(t => !t.IsByRefLike && !typeof(Delegate).IsAssignableFrom(t)))
        {
            var members = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !m.IsAbstract).Cast<MethodBase>()
                .Concat(type.IsAbstract || typeof(Exception).IsAssignableFrom(type) ? Array.Empty<MethodBase>() : type.GetConstructors());
            foreach (var member in members)
            {
                var parameters = member.GetParameters();
                for (var i = 0; i < parameters.Length; i++)
                {
                    var parameter = parameters[i];
                    if (parameter.ParameterType.IsValueType || parameter.ParameterType.IsByRef || parameter.ParameterType.IsGenericParameter || nullability.Create(parameter).WriteState != NullabilityState.Nullable) continue;
                    var name = $"{type.Name}.{member.Name}({parameter.Name})";
                    checkedParameters.Add(name);
                    var (error, _) = InvokeWithNull(type, member, i);
                    if (error is not null) failures.Add($"{name}: threw {error.GetType().Name}: {error.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Nullable parameters that reject null:\n" + string.Join("\n", failures));
        Assert.Contains("Poll`1.Equals(obj)", checkedParameters);
        Assert.Contains("Unit.Equals(obj)", checkedParameters);
    }

    [Fact]
    public void AContextRejectsANullWaker()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new Context(null!));
        Assert.Equal("waker", error.ParamName);
    }

    [Fact]
    public void JoinAllRejectsANullElementNamingTheSequence()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Future.JoinAll(new[] { Future.Ready(1), null! }));
        Assert.Equal("futures", error.ParamName);
    }

    private static bool MustRejectNull(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        var type = parameter.ParameterType;
        if (type.IsByRef || type.IsValueType || type.IsGenericParameter) return false;
        // A T-typed generic instance (IFuture<T> is fine; T itself may legitimately be null) is filtered above.
        return nullability.Create(parameter).WriteState != NullabilityState.Nullable;
    }

    private static string? CallWithNull(Type type, MethodBase member, int nullIndex)
    {
        try
        {
            var (error, name) = InvokeWithNull(type, member, nullIndex);
            return error switch
            {
                null => "accepted null",
                ArgumentNullException argumentNull when argumentNull.ParamName == name => null,
                ArgumentNullException argumentNull => $"ArgumentNullException names '{argumentNull.ParamName}', not '{name}'",
                _ => $"threw {error.GetType().Name}: {error.Message}",
            };
        }
        catch (MissingFactoryException e)
        {
            return e.Message;
        }
    }

    // Calls the member (closed over int) with null for one parameter and valid values elsewhere: what it threw, and the parameter's name.
    private static (Exception? Error, string? Name) InvokeWithNull(Type type, MethodBase member, int nullIndex)
    {
        var closedType = type.IsGenericTypeDefinition ? type.MakeGenericType(type.GetGenericArguments().Select(_ => typeof(int)).ToArray()) : type;
        var target = closedType == type ? member : MethodBase.GetMethodFromHandle(member.MethodHandle, closedType.TypeHandle)!;
        if (target is MethodInfo { IsGenericMethodDefinition: true } generic)
            target = generic.MakeGenericMethod(generic.GetGenericArguments().Select(_ => typeof(int)).ToArray());
        var parameters = target.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = i == nullIndex ? null : ArgumentFor(parameters[i].ParameterType);
        try
        {
            if (target is ConstructorInfo constructor) constructor.Invoke(arguments);
            else target.Invoke(target.IsStatic ? null : InstanceOf(closedType), arguments);
            return (null, parameters[nullIndex].Name);
        }
        catch (TargetInvocationException e)
        {
            return (e.InnerException, parameters[nullIndex].Name);
        }
    }

    // A valid value for every other parameter.
    private static object? ArgumentFor(Type type)
    {
        if (type.IsValueType) return Activator.CreateInstance(type);
        if (type == typeof(Waker)) return Waker.Noop;
        if (type == typeof(Action)) return new Action(() => { });
        if (type == typeof(IWake)) return new NoopWake();
        if (type == typeof(Task)) return Task.CompletedTask;
        if (type == typeof(Task<int>)) return Task.FromResult(1);
        if (type == typeof(IFuture<int>)) return Future.Ready(1);
        if (type == typeof(IStream<int>)) return Channel.Unbounded<int>().Receiver;
        if (type == typeof(IEnumerable<IFuture<int>>)) return new[] { Future.Ready(1) };
        if (type == typeof(PollFn<int>)) return new PollFn<int>(_ => Poll<int>.Ready(1));
        if (type == typeof(Func<int, int>)) return new Func<int, int>(x => x);
        if (type == typeof(string)) return "text";
        throw new MissingFactoryException($"no argument factory for {type}: add one to {nameof(NullArgumentTests)}");
    }

    // An instance to call an instance method on.
    private static object InstanceOf(Type type)
    {
        if (type == typeof(AtomicWaker)) return new AtomicWaker();
        if (type == typeof(Waker)) return Waker.Create(() => { });
        if (type == typeof(LocalExecutor)) return new LocalExecutor();
        if (type == typeof(Poll<int>)) return Poll<int>.Ready(1);
        if (type == typeof(Unit)) return Unit.Value;
        if (type == typeof(AsyncSemaphore)) return new AsyncSemaphore(1);
        throw new MissingFactoryException($"no instance factory for {type}: add one to {nameof(NullArgumentTests)}");
    }

    private sealed class NoopWake : IWake
    {
        public void Wake()
        {
        }
    }

    private sealed class MissingFactoryException(string message) : Exception(message);
}
