namespace TryVox.Client.Authentication;

/// <summary>Where the reference's first key rule applies: code that runs on the user's device.</summary>
internal static class ClientPlatform
{
    /// <summary>Blazor WebAssembly in a browser, or a mobile app: anyone holding the app can read a key out of it.</summary>
    public static bool IsClientSide() =>
        OperatingSystem.IsBrowser() || OperatingSystem.IsAndroid() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsMacCatalyst();

    /// <exception cref="PlatformNotSupportedException">The client is being built in client-side code.</exception>
    public static void ThrowIfClientSide(Func<bool> isClientSide)
    {
        if (isClientSide())
        {
            throw new PlatformNotSupportedException(
                "A TryVox secret key cannot be used here: this code runs in a browser or on a phone, where anyone can read the key " +
                "out of the app. The TryVox reference says: \"Never expose keys in client-side code (JavaScript, mobile apps)\". " +
                "Call TryVox from your server and let the app call your server.");
        }
    }
}
