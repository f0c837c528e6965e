using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers;
using Xunit;

namespace Wakers.Analyzers.Tests;

public class DescriptorTests
{
    private static DiagnosticDescriptor[] All() => typeof(Descriptors)
        .GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void IdsAreWake001ToWake010()
    {
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"WAKE{n:000}"), All().Select(d => d.Id).OrderBy(id => id));
    }

    [Fact]
    public void HelpLinkPointsAtTheRulePage()
    {
        var props = XDocument.Load(Wakers.TestSupport.Repository.PathOf("Directory.Build.props"));
        var url = props.Descendants("PackageProjectUrl").Single().Value;
        foreach (var d in All())
        {
            Assert.Equal($"{url}/blob/main/docs/rules/{d.Id}.md", d.HelpLinkUri);
        }
    }
}
