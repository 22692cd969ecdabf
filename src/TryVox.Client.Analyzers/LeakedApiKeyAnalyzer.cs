using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TryVox.Client.Authentication;

namespace TryVox.Client.Analyzers;

/// <summary>
/// TVX0001: a TryVox secret key written in source code. Finds keys in string literals (regular,
/// verbatim, raw, UTF-8), in the text of interpolated strings, and in constants built from parts
/// none of which is a key alone (<c>TryVoxApiKey.LivePrefix + "…"</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LeakedApiKeyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The rule's id.</summary>
    public const string DiagnosticId = "TVX0001";

    /// <summary>Where the key belongs instead.</summary>
    public const string EnvironmentVariable = "TRYVOX_API_KEY";

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        title: "TryVox secret key in source code",
        messageFormat: "A TryVox secret key is in source code: read it from the " + EnvironmentVariable + " environment variable or configuration instead",
        category: "Security",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A key in source ends up in version control and in every build of the program. Keep keys out of source, " +
            "read them from the " + EnvironmentVariable + " environment variable or configuration, and delete any key that was committed.",
        helpLinkUri: "https://github.com/tryvox/tryvox-dotnet#tvx0001-a-tryvox-key-in-source-code");

    private static readonly Regex Key = new(ApiKeyPattern.Regex, RegexOptions.CultureInvariant);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        // A key in generated code (a settings designer, a source generator's output) leaks all the same.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(AnalyzeLiteral, SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression);
        context.RegisterSyntaxNodeAction(AnalyzeInterpolatedText, SyntaxKind.InterpolatedStringText);
        context.RegisterSyntaxNodeAction(AnalyzeConstant, SyntaxKind.AddExpression, SyntaxKind.InterpolatedStringExpression);
    }

    /// <summary>The number of keys in <paramref name="text"/>.</summary>
    internal static int CountKeys(string? text) =>
        text is null || text.IndexOf(ApiKeyPattern.CommonPrefix, StringComparison.Ordinal) < 0 ? 0 : Key.Matches(text).Count;

    /// <summary>The keys in <paramref name="text"/>.</summary>
    internal static MatchCollection FindKeys(string text) => Key.Matches(text);

    private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context)
    {
        if (CountKeys(((LiteralExpressionSyntax)context.Node).Token.ValueText) > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation()));
        }
    }

    private static void AnalyzeInterpolatedText(SyntaxNodeAnalysisContext context)
    {
        if (CountKeys(((InterpolatedStringTextSyntax)context.Node).TextToken.ValueText) > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation()));
        }
    }

    /// <summary>
    /// A constant string built from parts: reported once, on the whole expression, when it holds more keys
    /// than its parts do alone. A key that one part holds is reported where that part is written.
    /// </summary>
    private static void AnalyzeConstant(SyntaxNodeAnalysisContext context)
    {
        var expression = (ExpressionSyntax)context.Node;
        if (IsPartOfLargerConstant(expression, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        var keys = CountKeys(ConstantString(expression, context.SemanticModel, context.CancellationToken));
        if (keys > 0 && keys > Parts(expression).Sum(part => CountKeys(PartValue(part, context.SemanticModel, context.CancellationToken))))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, expression.GetLocation()));
        }
    }

    private static bool IsPartOfLargerConstant(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var parent = expression.Parent;
        while (parent is ParenthesizedExpressionSyntax or InterpolationSyntax)
        {
            parent = parent.Parent;
        }

        return parent is ExpressionSyntax outer && (outer.IsKind(SyntaxKind.AddExpression) || outer.IsKind(SyntaxKind.InterpolatedStringExpression)) &&
            ConstantString(outer, model, cancellationToken) is not null;
    }

    private static string? ConstantString(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: string value } ? value : null;

    /// <summary>The leaves of a constant: literals, named constants and interpolated-string text.</summary>
    private static IEnumerable<SyntaxNode> Parts(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => Parts(parenthesized.Expression),
        BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression) => Parts(add.Left).Concat(Parts(add.Right)),
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.SelectMany(
            content => content is InterpolationSyntax hole ? Parts(hole.Expression) : new SyntaxNode[] { content }),
        _ => new SyntaxNode[] { expression },
    };

    private static string? PartValue(SyntaxNode part, SemanticModel model, CancellationToken cancellationToken) => part switch
    {
        InterpolatedStringTextSyntax text => text.TextToken.ValueText,
        ExpressionSyntax expression => ConstantString(expression, model, cancellationToken),
        _ => null,
    };
}
