package dev.partnerhub.accounts.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.partnerhub.accounts.Role;

import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.extras.springsecurity6.auth.AuthUtils;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.templatemode.TemplateMode;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The console shows a user only the forms he may post (issue 18): every
 * {@code <form method="post">} whose action lies under {@code /admin} is left out of the
 * page unless the web chain's own URL rules ({@code SecurityConfig.webChain}, asked
 * through the {@code WebInvocationPrivilegeEvaluator} that {@code sec:authorize-url}
 * uses) let this user post there. No second list of rules: what a viewer or finance user
 * would get a 403 for is not shown. Links to create and edit pages say the same in their
 * templates with {@code sec:authorize-url} / {@code #authorization.url}.
 * <p>
 * When the dropped form is the page's own form, a note says why the page has nothing to
 * change, once per page, in the form's place: "Your role (viewer) can't change this." A
 * page's own form posts to the page itself ({@code /admin/settings}, a mail template's
 * {@code /admin/templates/{id}}), or, on a create or edit page, to the page's path with
 * or without its {@code /new} or {@code /edit} ({@code /admin/programs/new},
 * {@code /admin/promo-tools/{id}/edit} → {@code /admin/promo-tools/{id}}). A form that
 * fits no such rule can say so with a {@code data-main} attribute.
 */
@Component
class ConsoleWriteControls extends AbstractProcessorDialect {

	/** After every standard processor: th:if, th:each and th:action have run. */
	private static final int PRECEDENCE = StandardDialect.PROCESSOR_PRECEDENCE + 1000;

	ConsoleWriteControls() {
		super("Console write controls", "console", PRECEDENCE);
	}

	@Override
	public Set<IProcessor> getProcessors(String dialectPrefix) {
		return Set.of(new PostFormProcessor(dialectPrefix));
	}

	static final class PostFormProcessor extends AbstractElementTagProcessor {

		/** The request attribute that says the page's note is out (one per page). */
		private static final String NOTED = ConsoleWriteControls.class.getName() + ".noted";

		PostFormProcessor(String dialectPrefix) {
			super(TemplateMode.HTML, dialectPrefix, "form", false, null, false, PRECEDENCE);
		}

		@Override
		protected void doProcess(ITemplateContext context, IProcessableElementTag tag,
				IElementTagStructureHandler structureHandler) {
			String method = tag.getAttributeValue("method");
			if (method == null || !"post".equals(method.toLowerCase(Locale.ROOT))) {
				return; // filters and searches stay
			}
			String path = consolePath(context, tag.getAttributeValue("action"));
			Authentication user = AuthUtils.getAuthenticationObject(context);
			if (path == null || AuthUtils.authorizeUsingUrlCheck(context, path, "POST", user)) {
				return;
			}
			if (context instanceof IWebContext web && (tag.hasAttribute("data-main") || isPagesOwn(web, path))
					&& web.getExchange().getAttributeValue(NOTED) == null) {
				web.getExchange().setAttributeValue(NOTED, Boolean.TRUE);
				structureHandler.replaceWith(note(user), false);
			}
			else {
				structureHandler.removeElement();
			}
		}

		/**
		 * Whether the form posts to the page itself, or from a create or edit page to its
		 * path without {@code /new} or {@code /edit}.
		 */
		private static boolean isPagesOwn(IWebContext web, String target) {
			String page = web.getExchange().getRequest().getPathWithinApplication();
			if (target.equals(page)) {
				return true;
			}
			for (String suffix : List.of("/new", "/edit")) {
				if (page.endsWith(suffix) && target.equals(page.substring(0, page.length() - suffix.length()))) {
					return true;
				}
			}
			return false;
		}

		/** The role's name is one of the console's (never user input). */
		private static String note(Authentication user) {
			String role = (user != null) ? Role.strongestTeamRole(user.getAuthorities())
				.map(r -> r.name().toLowerCase(Locale.ROOT))
				.orElse(null) : null;
			return "<p class=\"alert alert-secondary\" role=\"note\" data-read-only>Your role"
					+ ((role != null) ? " (" + role + ")" : "") + " can't change this.</p>";
		}

		/**
		 * The form's target without context path and query when it is a console page,
		 * else null. A form without action posts to the page itself.
		 */
		private static String consolePath(ITemplateContext context, String action) {
			String contextPath = "";
			String target = action;
			if (context instanceof IWebContext web) {
				contextPath = web.getExchange().getRequest().getApplicationPath();
				if (target == null || target.isEmpty()) {
					target = contextPath + web.getExchange().getRequest().getPathWithinApplication();
				}
			}
			if (target == null) {
				return null;
			}
			int query = target.indexOf('?');
			if (query >= 0) {
				target = target.substring(0, query);
			}
			if (!contextPath.isEmpty() && target.startsWith(contextPath + "/")) {
				target = target.substring(contextPath.length());
			}
			return (target.equals("/admin") || target.startsWith("/admin/")) ? target : null;
		}

	}

}
