using System.Reflection;
using System.Text;

namespace TryVox.Client.Tests;

/// <summary>
/// Every Kiota interface TryVox.Client implements, member by member (default interface members included), as the
/// Kiota assemblies loaded at run time declare them, matches the committed KiotaInterfaces.txt. A member Kiota adds
/// is a TypeLoadException in users' applications, or, with a default body, a call that silently bypasses the
/// client's own implementation; this fails first, in the run against the newest Kiota too (.ci/run).
/// </summary>
public sealed class KiotaInterfaceSnapshotTests
{
    private const string Runbook = "docs/kiota-upgrades.md (\"When the interface snapshot fails\")";

    private static string SnapshotPath => Path.Combine(Repository.Root, "tests", "TryVox.Client.Tests", "KiotaInterfaces.txt");

    [Fact]
    public void The_Kiota_interfaces_the_client_implements_are_those_it_was_written_against()
    {
        var implemented = Implemented();
        var current = Snapshot(implemented.Keys);
        var committed = File.ReadAllText(SnapshotPath).ReplaceLineEndings("\n");
        if (current == committed)
        {
            return;
        }

        var received = Path.ChangeExtension(SnapshotPath, ".received.txt");
        File.WriteAllText(received, current);
        var kiota = string.Join(", ", implemented.Keys.Select(i => i.Assembly).Distinct().Select(a => $"{a.GetName().Name} {Version(a)}").Order(StringComparer.Ordinal));
        Assert.Fail(
            $"The Kiota interfaces TryVox.Client implements are not what it was written against (loaded: {kiota}).\n" +
            Diff(committed, current) + "\n" +
            "Implemented by:\n" + string.Join('\n', implemented.OrderBy(i => i.Key.FullName, StringComparer.Ordinal).Select(i => $"  {i.Key.FullName}: {string.Join(", ", i.Value)}")) + "\n" +
            "What to do: for each '+ abstract' member, implement it in the types above (until then it is a TypeLoadException in users' applications); " +
            "for each '+ default' member, decide whether those types must override it (until then Kiota's default body runs instead of the client's code); " +
            "for each '-' line, remove what only served it. Then accept the new snapshot: " +
            $"cp {Path.GetRelativePath(Repository.Root, received)} {Path.GetRelativePath(Repository.Root, SnapshotPath)}. See {Runbook}.");
    }

    /// <summary>Each Kiota interface any type of TryVox.Client implements, with the types that implement it.</summary>
    private static Dictionary<Type, List<string>> Implemented()
    {
        var implemented = new Dictionary<Type, List<string>>();
        foreach (var type in typeof(TryVoxClient).Assembly.GetTypes())
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.Assembly.GetName().Name!.StartsWith("Microsoft.Kiota.", StringComparison.Ordinal)))
            {
                var key = contract.IsGenericType ? contract.GetGenericTypeDefinition() : contract;
                if (!implemented.TryGetValue(key, out var types))
                {
                    implemented[key] = types = [];
                }

                types.Add(type.Name);
            }
        }

        // The generated models implement IParsable and IAdditionalDataHolder by the dozen: name a few.
        foreach (var types in implemented.Values)
        {
            types.Sort(StringComparer.Ordinal);
            if (types.Count > 4)
            {
                types.RemoveRange(4, types.Count - 4);
                types.Add("…");
            }
        }

        return implemented;
    }

    private static string Snapshot(IEnumerable<Type> interfaces)
    {
        var text = new StringBuilder()
            .Append("# The Kiota interfaces TryVox.Client implements, as the Kiota assemblies it runs with declare them (KiotaInterfaceSnapshotTests).\n")
            .Append("# \"default\" members have a body in the interface: a class that does not implement one runs Kiota's.\n");
        foreach (var contract in interfaces.OrderBy(i => i.FullName, StringComparer.Ordinal))
        {
            text.Append('\n').Append(contract.FullName).Append('\n');
            foreach (var member in Members(contract).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type contract)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var property in contract.GetProperties(declared))
        {
            var accessors = property.GetAccessors(nonPublic: true);
            var body = accessors.Any(a => !a.IsAbstract) ? "default" : "abstract";
            var parts = string.Join(' ', accessors.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => a.Name.StartsWith("get_", StringComparison.Ordinal) ? "get;" : "set;"));
            yield return $"{Static(accessors[0])}{body} {Name(property.PropertyType)} {property.Name} {{ {parts} }}";
        }

        foreach (var method in contract.GetMethods(declared).Where(m => !m.IsSpecialName))
        {
            var arguments = method.IsGenericMethod ? method.GetGenericArguments() : [];
            var generic = arguments.Length > 0 ? $"<{string.Join(", ", arguments.Select(Name))}>" : "";
            var parameters = string.Join(", ", method.GetParameters().Select(p => (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "") + Name(p.ParameterType)));
            yield return $"{Static(method)}{(method.IsAbstract ? "abstract" : "default")} {Name(method.ReturnType)} {method.Name}{generic}({parameters}){string.Concat(arguments.Select(Constraints))}";
        }

        foreach (var e in contract.GetEvents(declared))
        {
            yield return $"{(e.AddMethod!.IsAbstract ? "abstract" : "default")} event {Name(e.EventHandlerType!)} {e.Name}";
        }
    }

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool", [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte", [typeof(int)] = "int", [typeof(long)] = "long", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
    };

    private static string Static(MethodInfo method) => method.IsStatic ? "static " : "";

    /// <summary>A generic parameter's constraints, as an implementation must repeat them: <c> where T : struct, Enum</c>.</summary>
    private static string Constraints(Type parameter)
    {
        var attributes = parameter.GenericParameterAttributes;
        var valueType = attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint);
        var constraints = new List<string>();
        if (valueType)
        {
            constraints.Add("struct");
        }
        else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
        {
            constraints.Add("class");
        }

        constraints.AddRange(parameter.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(Name));
        if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !valueType)
        {
            constraints.Add("new()");
        }

        return constraints.Count == 0 ? "" : $" where {parameter.Name} : {string.Join(", ", constraints)}";
    }

    /// <summary>A type as C# spells it, without namespaces: <c>Task&lt;IEnumerable&lt;ModelType&gt;&gt;</c>.</summary>
    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        var name = type.IsNested && !type.IsGenericParameter ? Name(type.DeclaringType!) + "." + type.Name : type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var arguments = type.GetGenericArguments();
        if (type.GetGenericTypeDefinition() == typeof(Nullable<>))
        {
            return Name(arguments[0]) + "?";
        }

        return $"{name[..name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", arguments.Select(Name))}>";
    }

    /// <summary>The lines of each interface that are only in the snapshot (-) or only in what Kiota declares now (+).</summary>
    private static string Diff(string committed, string current)
    {
        var before = Sections(committed);
        var after = Sections(current);
        var text = new StringBuilder();
        foreach (var contract in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(contract) ?? [];
            var now = after.GetValueOrDefault(contract) ?? [];
            var lines = was.Except(now).Select(l => "  - " + l).Concat(now.Except(was).Select(l => "  + " + l)).ToList();
            if (!before.ContainsKey(contract) || !after.ContainsKey(contract))
            {
                lines.Insert(0, before.ContainsKey(contract) ? "  - (no longer implemented, or no longer a Kiota interface)" : "  + (newly implemented)");
            }

            if (lines.Count > 0)
            {
                text.Append(contract).Append('\n').AppendJoin('\n', lines).Append('\n');
            }
        }

        return text.Length > 0 ? text.ToString() : "(only the snapshot's header or layout differs)\n";
    }

    private static Dictionary<string, List<string>> Sections(string snapshot)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in snapshot.Split('\n'))
        {
            if (line.StartsWith("  ", StringComparison.Ordinal) && current is not null)
            {
                current.Add(line.Trim());
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                sections[line] = current = [];
            }
        }

        return sections;
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? assembly.GetName().Version!.ToString();
}
