package dev.partnerhub.mail.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.Elvis;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.Indexer;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.Literal;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.NullLiteral;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.Ternary;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateparser.text.TextParseException;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Thymeleaf TEXT-mode rendering of admin-edited templates with a deliberately small
 * expression language: an expression may only read merge fields (properties of maps,
 * list/map indexes with literals), compare, combine with and/or/not, concatenate with +
 * and choose with ?: — no method calls, no {@code T(...)} type references, no
 * constructors, no bean or variable references. The expressions are checked before they
 * run, and they run against a {@link SimpleEvaluationContext} that can read maps only, so
 * even an unforeseen node could not reach a Java object.
 */
public class RestrictedTemplates {

	private static final Logger log = LoggerFactory.getLogger(RestrictedTemplates.class);

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final int MAX_CACHED = 2_000;

	private final Map<String, Expression> parsed = new ConcurrentHashMap<>();

	private final TemplateEngine engine;

	public RestrictedTemplates() {
		StandardDialect dialect = new StandardDialect();
		dialect.setVariableExpressionEvaluator(new MergeExpressionEvaluator());
		StringTemplateResolver resolver = new StringTemplateResolver();
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCacheable(false);
		this.engine = new TemplateEngine();
		this.engine.setDialect(dialect);
		this.engine.setTemplateResolver(resolver);
	}

	/**
	 * The template rendered with these fields; a syntax error or a refused expression is
	 * a {@link TemplateFailure} whose message names the line and says what is wrong in
	 * plain words (no Java or SpEL internals), fit for the editor's form. Nothing is
	 * logged above DEBUG here: a refused template is the editor's input, not a fault of
	 * the application (callers that send e-mail log a failure they cannot show anyone at
	 * WARN).
	 */
	public String render(String template, Map<String, Object> fields) {
		if (template == null || template.isEmpty()) {
			return "";
		}
		String text = plainText(template);
		java.io.StringWriter out = new java.io.StringWriter();
		try {
			// The template manager, not TemplateEngine.process: that one logs every
			// failure at ERROR with the whole
			// stack trace, which for an admin's typo in the editor is noise in the
			// operators' logs.
			this.engine.getConfiguration()
				.getTemplateManager()
				.parseAndProcess(new TemplateSpec(text, TemplateMode.TEXT),
						new Context(java.util.Locale.ENGLISH, new LinkedHashMap<>(fields)), out);
			return out.toString();
		}
		catch (RuntimeException ex) { // Thymeleaf's exceptions, and SpEL's, which can
										// escape unwrapped
			TemplateFailure failure = new TemplateFailure(describe(ex), ex);
			log.debug("Template refused: {}", failure.getMessage(), ex);
			throw failure;
		}
	}

	/**
	 * Bodies are plain text, not HTML: Thymeleaf's escaped output ({@code [[...]]},
	 * {@code th:text}) would turn a partner called O'Brien into {@code O&#39;Brien}, so
	 * both are read as their unescaped forms. (HTML bodies are not supported; they would
	 * need escaping of every merge value instead.)
	 */
	static String plainText(String template) {
		return INLINE_ESCAPED.matcher(template.replace("th:text=", "th:utext=")).replaceAll("[($1)]");
	}

	private static final java.util.regex.Pattern INLINE_ESCAPED = java.util.regex.Pattern.compile("\\[\\[(.*?)\\]\\]",
			java.util.regex.Pattern.DOTALL);

	/**
	 * "Line N: what is wrong", from Thymeleaf's and SpEL's exceptions, without their
	 * class names or codes.
	 */
	static String describe(Throwable ex) {
		Integer line = null;
		String what = null;
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (line == null) {
				line = cause instanceof TemplateProcessingException processing ? processing.getLine()
						: cause instanceof TextParseException parse ? parse.getLine() : null;
				line = line != null && line > 0 ? line : null;
			}
			if (what == null) {
				what = plainWords(cause);
			}
		}
		if (what == null) {
			what = "The template could not be rendered: check its [# …] blocks and [[${…}]] merge fields.";
		}
		return line == null ? what : "Line " + line + ": " + what;
	}

	/**
	 * A plain description of this one exception, or null to look further down the causes.
	 */
	private static @Nullable String plainWords(Throwable ex) {
		if (ex instanceof TemplateFailure failure) {
			return failure.getMessage();
		}
		String message = ex.getMessage() == null ? "" : ex.getMessage();
		java.util.regex.Matcher unparsable = UNPARSABLE.matcher(message);
		if (unparsable.find()) {
			return "'" + shorten(unparsable.group(1)) + "' is not a valid expression: check its brackets and quotes.";
		}
		if (message.startsWith("Malformed template")) {
			return message.contains("never closed") ? "A [# …] block is never closed: end it with [/]."
					: "The template is malformed: every [# …] block needs its [/], every [[ its ]].";
		}
		if (message.startsWith("Link base")) {
			return "Links written as @{…} are not supported: write the address, or use a merge field such as "
					+ "[[${loginUrl}]].";
		}
		return null;
	}

	private static final java.util.regex.Pattern UNPARSABLE = java.util.regex.Pattern.compile(
			"Could not parse as (?:expression|each)[^:]*: \"(.*?)\"(?: \\(template:|$)",
			java.util.regex.Pattern.DOTALL);

	private static String shorten(String text) {
		String oneLine = text.replaceAll("\\s+", " ").strip();
		return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
	}

	/**
	 * Parses and checks one expression; refused ones are a {@link TemplateFailure} naming
	 * what is not allowed.
	 */
	Expression expression(String text) {
		Expression cached = this.parsed.get(text);
		if (cached != null) {
			return cached;
		}
		Expression expression;
		try {
			expression = PARSER.parseExpression(text);
		}
		catch (RuntimeException ex) {
			throw new TemplateFailure(
					"'" + shorten(text) + "' is not a valid expression: check its brackets and quotes.", ex);
		}
		check(((SpelExpression) expression).getAST(), text);
		if (this.parsed.size() > MAX_CACHED) {
			this.parsed.clear();
		}
		this.parsed.put(text, expression);
		return expression;
	}

	private static void check(SpelNode node, String text) {
		boolean allowed = node instanceof PropertyOrFieldReference || node instanceof CompoundExpression
				|| node instanceof StringLiteral || node instanceof IntLiteral || node instanceof LongLiteral
				|| node instanceof RealLiteral || node instanceof FloatLiteral || node instanceof BooleanLiteral
				|| node instanceof NullLiteral || node instanceof OpEQ || node instanceof OpNE || node instanceof OpGT
				|| node instanceof OpGE || node instanceof OpLT || node instanceof OpLE || node instanceof OpAnd
				|| node instanceof OpOr || node instanceof OperatorNot || node instanceof Ternary
				|| node instanceof Elvis || node instanceof OpPlus || node instanceof Indexer;
		if (!allowed) {
			throw new TemplateFailure("'" + shorten(text) + "' is not allowed: templates may only use merge fields ("
					+ kind(node) + " are refused).");
		}
		if (node instanceof Indexer && node.getChildCount() > 0 && !(node.getChild(0) instanceof Literal)) {
			throw new TemplateFailure(
					"'" + shorten(text) + "' is not allowed: an index must be a number or a quoted name.");
		}
		for (int i = 0; i < node.getChildCount(); i++) {
			check(node.getChild(i), text);
		}
	}

	private static String kind(SpelNode node) {
		String name = node.getClass().getSimpleName();
		return switch (name) {
			case "MethodReference" -> "method calls";
			case "TypeReference" -> "type references such as T(...)";
			case "ConstructorReference" -> "constructors";
			case "BeanReference" -> "bean references";
			case "VariableReference", "FunctionReference" -> "#variables and #functions";
			case "Assign" -> "assignments";
			case "OpMinus", "OpMultiply", "OpDivide", "OpModulus", "OpPower", "OpInc", "OpDec" ->
				"calculations other than + to join texts";
			case "Selection", "Projection" -> "selections and projections";
			case "InlineList", "InlineMap" -> "inline lists and maps";
			case "OperatorInstanceof", "OperatorMatches", "OperatorBetween" -> "instanceof, matches and between";
			default -> "expressions of this kind";
		};
	}

	/**
	 * What went wrong evaluating an allowed expression, in the editor's words (SpEL's
	 * codes and types left out).
	 */
	private static String evaluationFailure(String text, RuntimeException ex) {
		String expression = "'" + shorten(text) + "'";
		if (ex instanceof SpelEvaluationException spel) {
			Object[] inserts = spel.getInserts();
			switch (spel.getMessageCode()) {
				case PROPERTY_OR_FIELD_NOT_READABLE, PROPERTY_OR_FIELD_NOT_READABLE_ON_NULL:
					return expression + " could not be read: " + (inserts != null && inserts.length > 0
							? "'" + inserts[0] + "' is not a merge field there." : "no such merge field.");
				case INDEXING_NOT_SUPPORTED_FOR_TYPE, CANNOT_INDEX_INTO_NULL_VALUE:
					return expression + " could not be read: only lists and groups of fields have [ ] entries.";
				case NOT_COMPARABLE:
					return expression + " compares values of different kinds (such as a number and a text).";
				default:
					break;
			}
		}
		return expression + " could not be evaluated with the merge fields.";
	}

	/**
	 * Evaluates {@code ${...}} and {@code *{...}} with the checked expression against a
	 * map-only context.
	 */
	private final class MergeExpressionEvaluator implements IStandardVariableExpressionEvaluator {

		private final EvaluationContext evaluation = SimpleEvaluationContext.forPropertyAccessors(new MapFields())
			.build();

		@Override
		public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
				StandardExpressionExecutionContext executionContext) {
			Expression checked = expression(expression.getExpression());
			Object root;
			if (expression.getUseSelectionAsRoot() && context instanceof ITemplateContext template
					&& template.hasSelectionTarget()) {
				root = template.getSelectionTarget();
			}
			else {
				Map<String, Object> variables = new LinkedHashMap<>();
				for (String name : context.getVariableNames()) {
					variables.put(name, context.getVariable(name));
				}
				root = variables;
			}
			try {
				return checked.getValue(this.evaluation, root);
			}
			catch (RuntimeException ex) {
				throw new TemplateFailure(evaluationFailure(expression.getExpression(), ex), ex);
			}
		}

	}

	/**
	 * Reads map entries as properties; a missing field is null (renders empty) rather
	 * than an error.
	 */
	private static final class MapFields implements PropertyAccessor {

		@Override
		public Class<?>[] getSpecificTargetClasses() {
			return new Class<?>[] { Map.class };
		}

		@Override
		public boolean canRead(EvaluationContext context, Object target, String name) {
			return target instanceof Map;
		}

		@Override
		public TypedValue read(EvaluationContext context, Object target, String name) throws AccessException {
			return new TypedValue(((Map<?, ?>) target).get(name));
		}

		@Override
		public boolean canWrite(EvaluationContext context, Object target, String name) {
			return false;
		}

		@Override
		public void write(EvaluationContext context, Object target, String name, Object newValue)
				throws AccessException {
			throw new AccessException("Templates cannot change fields");
		}

	}

	/** A template that cannot be rendered, with a message fit for the editor's form. */
	public static class TemplateFailure extends RuntimeException {

		public TemplateFailure(String message) {
			super(message);
		}

		public TemplateFailure(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
