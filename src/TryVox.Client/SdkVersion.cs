using System.Reflection;

namespace TryVox.Client;

/// <summary>The package's version, as the User-Agent, the meter and the activity source report it.</summary>
internal static class SdkVersion
{
    /// <summary>The informational version without build metadata (the part after <c>+</c>).</summary>
    public static readonly string Value =
        (typeof(SdkVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
