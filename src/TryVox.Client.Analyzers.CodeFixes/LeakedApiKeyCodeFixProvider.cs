using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace TryVox.Client.Analyzers;

/// <summary>
/// Fixes TVX0001 by reading the key from <c>TRYVOX_API_KEY</c>: the key becomes
/// <c>Environment.GetEnvironmentVariable("TRYVOX_API_KEY")</c>, and text around it in the same string is kept.
/// A <c>const</c> holding the key becomes <c>static readonly</c> (a local loses <c>const</c>), unless code needs
/// it as a constant. No fix is offered where only a constant may stand (attribute arguments, case labels and
/// patterns, parameter defaults) nor for UTF-8 literals, whose type a string cannot take.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LeakedApiKeyCodeFixProvider)), Shared]
public sealed class LeakedApiKeyCodeFixProvider : CodeFixProvider
{
    private const string Title = "Read the key from the " + LeakedApiKeyAnalyzer.EnvironmentVariable + " environment variable";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(LeakedApiKeyAnalyzer.DiagnosticId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            (Document?)await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && model is not null &&
                await PlanAsync(context.Document, root, model, diagnostic, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken), Title),
                    diagnostic);
            }
        }
    }

    /// <summary>One rewrite: <see cref="Target"/> gets <see cref="Value"/> with its keys read from the environment, or, when
    /// <see cref="Value"/> is null (an interpolated string), its keys turn into holes; <see cref="ConstDeclaration"/> loses <c>const</c>.</summary>
    private sealed class Plan(ExpressionSyntax target, string? value, SyntaxNode? constDeclaration)
    {
        public ExpressionSyntax Target { get; } = target;

        public string? Value { get; } = value;

        public SyntaxNode? ConstDeclaration { get; } = constDeclaration;
    }

    /// <summary>Where the expression stands, as far as constants go.</summary>
    private enum Context
    {
        Anywhere,
        ConstDeclaration,
        ConstantRequired,
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var plans = new List<Plan>();
        foreach (var diagnostic in diagnostics)
        {
            if (await PlanAsync(document, editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken).ConfigureAwait(false) is { } plan &&
                !plans.Any(p => p.Target == plan.Target))
            {
                plans.Add(plan);
            }
        }

        // Innermost first: a literal inside an interpolation hole is replaced before the string around it is rewritten.
        foreach (var plan in plans.OrderByDescending(p => p.Target.SpanStart).ThenBy(p => p.Target.Span.Length))
        {
            editor.ReplaceNode(plan.Target, (current, generator) =>
            {
                var rewritten = plan.Value is null ? WithKeysAsHoles((InterpolatedStringExpressionSyntax)current) : WithKeysRead(plan.Value, generator);
                return (current.Parent is InterpolationSyntax ? Parenthesized(rewritten) : rewritten).WithTriviaFrom(current);
            });
        }

        foreach (var declaration in plans.Select(p => p.ConstDeclaration).OfType<SyntaxNode>().Distinct())
        {
            editor.ReplaceNode(declaration, (current, _) => WithoutConst(current));
        }

        return editor.GetChangedDocument();
    }

    private static async Task<Plan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var (target, value) = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => (literal, literal.Token.ValueText),
            // A string that is only a key becomes the call; otherwise its keys become holes.
            InterpolatedStringTextSyntax { Parent: InterpolatedStringExpressionSyntax interpolated } text =>
                (interpolated, interpolated.Contents.Count == 1 && IsOneKey(text.TextToken.ValueText) ? text.TextToken.ValueText : null),
            ExpressionSyntax constant when !constant.IsKind(SyntaxKind.Utf8StringLiteralExpression) &&
                model.GetConstantValue(constant, cancellationToken) is { HasValue: true, Value: string text } => (constant, text),
            _ => ((ExpressionSyntax?)null, (string?)null),
        };
        if (target is null)
        {
            return null;
        }

        var (context, declaration) = ContextOf(target);
        return context switch
        {
            Context.Anywhere => new Plan(target, value, null),
            Context.ConstDeclaration when await ReferencesNeedNoConstantAsync(document, model, declaration!, cancellationToken).ConfigureAwait(false) =>
                new Plan(target, value, declaration),
            _ => null,
        };
    }

    private static bool IsOneKey(string text) => LeakedApiKeyAnalyzer.FindKeys(text) is { Count: 1 } keys && keys[0].Length == text.Length;

    /// <summary>Whether <paramref name="expression"/> must be a constant, and the <c>const</c> declaration it initializes if any.</summary>
    private static (Context Context, SyntaxNode? Declaration) ContextOf(SyntaxNode expression)
    {
        var node = expression;
        while (node.Parent is ExpressionSyntax or InterpolationSyntax)
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            AttributeArgumentSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax or EqualsValueClauseSyntax { Parent: ParameterSyntax } =>
                (Context.ConstantRequired, null),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: var declaration } } }
                when declaration is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword) ||
                     declaration is LocalDeclarationStatementSyntax { IsConst: true } =>
                (Context.ConstDeclaration, declaration),
            _ => (Context.Anywhere, null),
        };
    }

    /// <summary>Whether every use of the constants <paramref name="declaration"/> declares would still compile without <c>const</c>.</summary>
    private static async Task<bool> ReferencesNeedNoConstantAsync(Document document, SemanticModel model, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        var variables = declaration switch
        {
            FieldDeclarationSyntax field => field.Declaration.Variables,
            LocalDeclarationStatementSyntax local => local.Declaration.Variables,
            _ => default,
        };
        foreach (var variable in variables)
        {
            if (model.GetDeclaredSymbol(variable, cancellationToken) is not { } symbol)
            {
                return false;
            }

            var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var location in references.SelectMany(r => r.Locations))
            {
                var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || ContextOf(root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true)).Context != Context.Anywhere)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// <c>global::System.Environment.GetEnvironmentVariable("TRYVOX_API_KEY")</c>, its type marked for simplification against
    /// the usings: <c>Environment</c>, or <c>System.Environment</c> where a member named Environment is in scope.
    /// </summary>
    private static InvocationExpressionSyntax ReadKey()
    {
        var call = (InvocationExpressionSyntax)SyntaxFactory.ParseExpression(
            "global::System.Environment.GetEnvironmentVariable(\"" + LeakedApiKeyAnalyzer.EnvironmentVariable + "\")");
        var environment = ((MemberAccessExpressionSyntax)call.Expression).Expression;
        return call.ReplaceNode(environment, environment.WithAdditionalAnnotations(Simplifier.Annotation));
    }

    /// <summary><paramref name="value"/> as an expression: each key read from the environment, the text around it kept as literals.</summary>
    private static ExpressionSyntax WithKeysRead(string value, SyntaxGenerator generator)
    {
        var parts = new List<SyntaxNode>();
        var at = 0;
        foreach (Match key in LeakedApiKeyAnalyzer.FindKeys(value))
        {
            if (key.Index > at)
            {
                parts.Add(generator.LiteralExpression(value.Substring(at, key.Index - at)));
            }

            parts.Add(ReadKey());
            at = key.Index + key.Length;
        }

        if (at < value.Length)
        {
            parts.Add(generator.LiteralExpression(value.Substring(at)));
        }

        return parts.Count == 1 ? (ExpressionSyntax)parts[0] : Parenthesized((ExpressionSyntax)parts.Aggregate(generator.AddExpression));
    }

    /// <summary>Parentheses the simplifier removes where they are not needed; in a hole they keep "global::" from starting a format.</summary>
    private static ExpressionSyntax Parenthesized(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax ? expression : SyntaxFactory.ParenthesizedExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>The interpolated string with every key in its text turned into a hole that reads the environment.</summary>
    private static ExpressionSyntax WithKeysAsHoles(InterpolatedStringExpressionSyntax interpolated)
    {
        // The rewritten text is parsed again, which loses the simplifier's marks: they are put back on every hole that reads
        // the key, those made here and those made for a literal that stood in a hole. A raw string with $$ opens holes with {{.
        var readKey = Parenthesized(ReadKey()).ToString();
        var dollars = interpolated.StringStartToken.Text.TakeWhile(c => c == '$').Count();
        var hole = new string('{', dollars) + readKey + new string('}', dollars);
        var source = interpolated.ToString();
        var text = new StringBuilder();
        var at = 0;
        foreach (var content in interpolated.Contents.OfType<InterpolatedStringTextSyntax>())
        {
            var offset = content.SpanStart - interpolated.SpanStart;
            foreach (Match key in LeakedApiKeyAnalyzer.FindKeys(content.TextToken.Text))
            {
                text.Append(source, at, offset + key.Index - at).Append(hole);
                at = offset + key.Index + key.Length;
            }
        }

        text.Append(source, at, source.Length - at);
        var rewritten = SyntaxFactory.ParseExpression(text.ToString());
        return rewritten.ReplaceNodes(
            rewritten.DescendantNodes().OfType<ParenthesizedExpressionSyntax>().Where(p => p.Parent is InterpolationSyntax && p.ToString() == readKey),
            (_, _) => Parenthesized(ReadKey()));
    }

    /// <summary>A <c>const</c> field becomes <c>static readonly</c>; a <c>const</c> local an ordinary one.</summary>
    private static SyntaxNode WithoutConst(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case FieldDeclarationSyntax field:
                var constToken = field.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                return field.WithModifiers(field.Modifiers.ReplaceRange(constToken,
                [
                    SyntaxFactory.Token(constToken.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                    SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, constToken.TrailingTrivia),
                ]));
            case LocalDeclarationStatementSyntax local:
                var localConst = local.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                var rest = local.WithModifiers(local.Modifiers.Remove(localConst));
                return rest.Modifiers.Count > 0 || localConst.LeadingTrivia.Count == 0
                    ? rest
                    : rest.WithDeclaration(rest.Declaration.WithType(rest.Declaration.Type.WithLeadingTrivia(localConst.LeadingTrivia)));
            default:
                return declaration;
        }
    }
}
