using System.Runtime.InteropServices;

namespace TryVox.Client.Http;

/// <summary>
/// The <c>User-Agent</c> every request carries: <c>tryvox-dotnet/VERSION (.NET 10.0.x)</c>, then the
/// application id when one is set, so TryVox can tell SDK versions and applications apart.
/// </summary>
internal static class UserAgent
{
    public const int MaxApplicationIdLength = 64;

    public static string For(string? applicationId)
    {
        var value = $"tryvox-dotnet/{SdkVersion.Value} ({RuntimeInformation.FrameworkDescription})";
        return applicationId is null ? value : $"{value} {ValidateApplicationId(applicationId)}";
    }

    /// <summary>1–64 characters of an HTTP token or <c>/</c> (such as <c>my-app/1.2</c>), so the header stays valid.</summary>
    private static string ValidateApplicationId(string applicationId)
    {
        var valid = applicationId.Length is > 0 and <= MaxApplicationIdLength
            && applicationId.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~/".Contains(c, StringComparison.Ordinal));
        return valid ? applicationId : throw new ArgumentException(
            $"TryVoxClientOptions.ApplicationId must be 1 to {MaxApplicationIdLength} ASCII letters, digits or !#$%&'*+-.^_`|~/ " +
            "without spaces, such as my-app/1.2.", nameof(applicationId));
    }
}
