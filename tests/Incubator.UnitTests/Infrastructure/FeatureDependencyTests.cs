using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Incubator.UnitTests.Infrastructure;

/// <summary>
/// Features depend one way: when Programmes uses Reviews, Reviews may not use Programmes, directly or through a third
/// feature. The compiled Web assembly is read with Mono.Cecil rather than reflection so that what method bodies use
/// (a local, a <c>new</c>, a static call, a lambda's closure) counts as well as signatures, and the Razor views count
/// for the folder they live in. A cycle is broken by moving the shared types to the lower feature or by an extension
/// point that the higher feature implements.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string FeaturesNamespace = "Incubator.Web.Features.";

    // Razor views compile into this namespace, named after their path: Features_Programmes_Index.
    private const string ViewsNamespace = "AspNetCoreGeneratedDocument";

    // Edges against the direction that are known and waiting to be broken, each with its reason; the list must only
    // shrink. It is empty: the last one, the back-office application page drawing the reviewers and the council's
    // scores, became a section that Reviews contributes (IApplicationPageSection).
    private static readonly HashSet<(string From, string To)> NotYetBroken = [];

    [Fact]
    public void Should_find_no_cycle_when_features_use_each_other()
    {
        var edges = FeatureEdges();
        foreach (var known in NotYetBroken)
        {
            Assert.True(edges.Remove(known), $"{known.From} -> {known.To} is gone: take it off the list.");
        }

        Assert.True(edges.Keys.Select(e => e.From).Distinct().Count() > 10, "too few features found; has the namespace changed?");

        var cycles = StronglyConnected(edges.Keys)
            .Where(c => c.Count > 1)
            .Select(c => string.Join('\n', edges
                .Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To))
                .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
                .Select(e => $"  {e.Key.From} -> {e.Key.To}: {e.Value}")))
            .ToList();
        Assert.True(cycles.Count == 0, $"Features that depend on each other:\n{string.Join("\n\n", cycles)}");
    }

    [Fact]
    public void Should_see_a_dependency_when_a_view_or_a_method_body_uses_another_feature()
    {
        // The scan must see more than signatures: Workflows uses Notifications only through calls to the static
        // NotificationTemplates inside method bodies, and views count for the folder they live in.
        var edges = FeatureEdges();
        Assert.Contains(("Workflows", "Notifications"), edges.Keys);
        Assert.Contains(edges.Values, e => e.StartsWith(ViewsNamespace, StringComparison.Ordinal));
    }

    /// <summary>Each edge between two features with one example of a type that makes it, for the failure message.</summary>
    internal static Dictionary<(string From, string To), string> FeatureEdges()
    {
        using var assembly = AssemblyDefinition.ReadAssembly(typeof(Incubator.Web.Infrastructure.SiteExtensions).Assembly.Location);
        var edges = new Dictionary<(string From, string To), string>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var from = FeatureOf(type);
            if (from is null)
            {
                continue;
            }

            foreach (var used in UsedTypes(type))
            {
                var to = FeatureOf(used);
                if (to is not null && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return edges;
    }

    private static string? FeatureOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        if (type.Namespace.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
        {
            return type.Namespace[FeaturesNamespace.Length..].Split('.')[0];
        }

        if (type.Namespace == ViewsNamespace && type.Name.StartsWith("Features_", StringComparison.Ordinal))
        {
            var parts = type.Name.Split('_');
            return parts.Length > 2 ? parts[1] : null;
        }

        return null;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        var used = new List<TypeReference>();
        if (type.BaseType is not null)
        {
            used.Add(type.BaseType);
        }

        used.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        used.AddRange(type.CustomAttributes.Select(a => a.AttributeType));
        used.AddRange(type.Fields.Select(f => f.FieldType));
        used.AddRange(type.Properties.Select(p => p.PropertyType));
        foreach (var method in type.Methods)
        {
            used.Add(method.ReturnType);
            used.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }

            used.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        used.Add(t);
                        break;
                    case MethodReference m:
                        used.Add(m.DeclaringType);
                        used.Add(m.ReturnType);
                        used.AddRange(m.Parameters.Select(p => p.ParameterType));
                        if (m is GenericInstanceMethod g)
                        {
                            used.AddRange(g.GenericArguments);
                        }

                        break;
                    case FieldReference f:
                        used.Add(f.DeclaringType);
                        used.Add(f.FieldType);
                        break;
                }
            }
        }

        return used.SelectMany(Unwrap);
    }

    // Arrays, by-ref and generic instances are made of other types: List<Rubric> uses Rubric.
    private static IEnumerable<TypeReference> Unwrap(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments.SelectMany(Unwrap))
                {
                    yield return argument;
                }

                break;
            case TypeSpecification specification:
                foreach (var element in Unwrap(specification.ElementType))
                {
                    yield return element;
                }

                break;
            default:
                yield return type;
                break;
        }
    }

    // Tarjan's algorithm over the feature graph: each returned set is a group of features that reach each other.
    private static List<HashSet<string>> StronglyConnected(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var result = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(to, out var seen))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var group = new HashSet<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != node);
                result.Add(group);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }
}
