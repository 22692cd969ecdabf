using Microsoft.AspNetCore.Mvc;

namespace TryVox.Client.Testing.Server;

/// <summary>
/// The base of every generated controller (<c>Server/Templates/Controller.liquid</c>), whose operations answer from
/// the spec unless overridden: a hand-written controller (<see cref="CallsController"/>) derives from a generated
/// one and overrides the operations it gives behaviour to. The server serves the most derived of each.
/// </summary>
internal abstract class SpecController : ControllerBase
{
    /// <summary>The answer of an operation without hand-written behaviour, after every check of its request passed.</summary>
    protected Task<ActionResult> AnswerFromSpecAsync() => Task.FromResult(SpecAnswers.For(ControllerContext.ActionDescriptor));
}
