package dev.partnerhub.partnercenter.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.merge.MergeText;
import dev.partnerhub.tracking.TrackingApi;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The partner's links: tracked links (built by tracking, so they match what {@code /r/}
 * understands) with an optional SubID, banner image URLs and his sign-up link for
 * recruiting tier-2 partners. The base URL is the same {@code partnerhub.base-url}
 * property tracking uses.
 */
@Component
class PartnerLinks {

	static final int MAX_SUB_ID = 100;

	private final TrackingApi tracking;

	private final String baseUrl;

	private final PartnerApi partners;

	PartnerLinks(TrackingApi tracking, PartnerApi partners, BaseUrl baseUrl) {
		this.tracking = tracking;
		this.partners = partners;
		this.baseUrl = baseUrl.value();
	}

	String tracked(Me me, Long toolId, String subId) {
		String link = this.tracking.trackedLink(me.code(), toolId);
		String sub = subId(subId);
		return sub == null ? link : link + (link.contains("?") ? "&" : "?") + "sub=" + sub;
	}

	String banner(long toolId) {
		return this.baseUrl + "/promo/banners/" + toolId;
	}

	/**
	 * His sign-up link as the partners module builds it ({@link PartnerApi#signupLink}).
	 */
	String signUp(Me me) {
		return this.partners.signupLink(me.partnerId()).orElseGet(() -> fallbackSignUp(me));
	}

	/**
	 * {@code {baseUrl}/partners/signup/{program}?ref={code}}, only if the partners module
	 * knows no such partner.
	 */
	private String fallbackSignUp(Me me) {
		return this.baseUrl + "/partners/signup/"
				+ URLEncoder.encode(me.programName(), StandardCharsets.UTF_8).replace("+", "%20") + "?ref="
				+ URLEncoder.encode(me.code(), StandardCharsets.UTF_8);
	}

	/**
	 * The SubID as the redirect keeps it (letters, digits and . _ ~ -, at most 100); null
	 * when blank.
	 */
	static @Nullable String subId(String sub) {
		if (sub == null || sub.isBlank()) {
			return null;
		}
		String trimmed = sub.strip();
		StringBuilder clean = new StringBuilder();
		for (int i = 0; i < trimmed.length() && clean.length() < MAX_SUB_ID; i++) {
			char c = trimmed.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '~' || c == '-';
			clean.append(safe ? c : '_');
		}
		return clean.toString();
	}

	/**
	 * E-mail swipes and lightboxes with the partner's values ({@code PromoToolFields}:
	 * {{referralLink}} and so on); {@code html} for lightbox snippets, whose values are
	 * escaped.
	 */
	static @Nullable String merge(String text, Map<String, String> fields, boolean html) {
		return text == null ? null : MergeText.renderLenient(text, fields, html);
	}

}
