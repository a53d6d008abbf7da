package dev.partnerhub.partners.web;

import java.util.Map;

import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The partner page shows which e-mails the partner turned off (preferences are kept by
 * the mail module).
 */
@ControllerAdvice(assignableTypes = PartnerController.class)
class PartnerMailPreferencesAdvice {

	private static final java.util.regex.Pattern PARTNER_PAGE = java.util.regex.Pattern
		.compile("/admin/partners/([0-9]{1,18})");

	// a provider: @WebMvcTest slices load every controller advice but not the mail module
	private final org.springframework.beans.factory.ObjectProvider<MailApi> mail;

	PartnerMailPreferencesAdvice(org.springframework.beans.factory.ObjectProvider<MailApi> mail) {
		this.mail = mail;
	}

	@ModelAttribute("mailPreferences")
	@Nullable Map<MailCategory, Boolean> mailPreferences(HttpServletRequest request) {
		java.util.regex.Matcher page = PARTNER_PAGE.matcher(request.getRequestURI());
		MailApi api = this.mail.getIfAvailable();
		if (api == null || !"GET".equals(request.getMethod()) || !page.matches()) {
			return null;
		}
		return api.preferences(Long.parseLong(page.group(1)));
	}

}
