namespace TryVox.Client.Testing;

/// <summary>A call the server placed: it acted on a create-call request (whether or not the client got the answer).</summary>
/// <param name="Id">The call's id, as the create-call answer carries it.</param>
/// <param name="AccountId">The account it was placed for.</param>
/// <param name="TenantId">The <c>X-Tenant-ID</c> it was placed under; null when none was sent.</param>
/// <param name="From">The account's number it was placed from.</param>
/// <param name="To">The number it was placed to.</param>
/// <param name="AnswerUrl">The <c>answer_url</c>, as sent.</param>
/// <param name="CreatedAt">Its <c>created_at</c>, read from <see cref="TryVoxTestServerOptions.TimeProvider"/>.</param>
public sealed record PlacedCall(string Id, string AccountId, string? TenantId, string From, string To, string AnswerUrl, DateTimeOffset CreatedAt);
