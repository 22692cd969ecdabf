using TryVox.Client.SendOnce;

namespace TryVox.Client.Tests;

/// <summary>
/// The send-once guard's rule, one send at a time: a request that may act on the server goes out again only after
/// an answer or failure that says the server did not act on it.
/// </summary>
public sealed class SendOnceTokenTests
{
    public static TheoryData<int?, HttpRequestError?, bool> Outcomes => new()
    {
        { 200, null, false },
        { 299, null, false },
        { 300, null, true },
        { 307, null, true },
        { 429, null, true },
        { 499, null, true },
        { 500, null, false },
        { 503, null, false },
        { null, HttpRequestError.ConnectionError, true },
        { null, HttpRequestError.NameResolutionError, true },
        { null, HttpRequestError.ResponseEnded, false },
        { null, HttpRequestError.Unknown, false },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void A_second_send_is_let_through_only_after_an_outcome_the_server_did_not_act_on(int? status, HttpRequestError? error, bool mayResend)
    {
        var token = new SendOnceToken();
        var failure = error is { } e ? new HttpRequestException(e, "failed") : null;

        token.Enter();
        token.Answered(status, failure);
        var second = Record.Exception(token.Enter);

        Assert.Equal(mayResend, second is null);
        Assert.Equal((status, failure), (token.LastStatus, token.LastFailure));
        if (second is not null)
        {
            Assert.Same(token, Assert.IsType<SendOnceRefusedException>(second).Token);
            Assert.Equal("A handler tried to send a create-call a second time; it was refused.", second.Message);
        }
    }

    [Fact]
    public void A_send_let_through_again_is_once_more_the_only_one_until_it_is_answered()
    {
        var token = new SendOnceToken();

        token.Enter();
        token.Answered(429, null);
        token.Enter();

        Assert.Throws<SendOnceRefusedException>(token.Enter);
    }
}
