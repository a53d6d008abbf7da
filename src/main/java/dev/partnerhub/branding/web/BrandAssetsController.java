package dev.partnerhub.branding.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import dev.partnerhub.branding.Brand;
import dev.partnerhub.branding.Branding;
import dev.partnerhub.branding.domain.BrandColors;
import dev.partnerhub.support.NotFoundException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The brand's public files: the logo (the PNG the server encoded), the stylesheet with
 * the primary colour, the favicon and the terms page. Public (login, sign-up and e-mails
 * show them before anyone logs in); they reveal nothing but what the pages show.
 */
@Controller
class BrandAssetsController {

	static final MediaType ICON = MediaType.parseMediaType("image/x-icon");

	private final Branding branding;

	private final byte[] defaultFavicon;

	BrandAssetsController(Branding branding) throws IOException {
		this.branding = branding;
		try (InputStream in = new ClassPathResource("static/favicon.ico").getInputStream()) {
			this.defaultFavicon = in.readAllBytes();
		}
	}

	/**
	 * Versioned by {@code ?v=}: a new logo has a new address, so it may be cached long.
	 */
	@GetMapping("/brand/logo.png")
	ResponseEntity<byte[]> logo() {
		byte[] png = this.branding.logoPng().orElseThrow(() -> new NotFoundException("No logo."));
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
			.body(png);
	}

	/**
	 * The uploaded favicon (an ICO holding a PNG), else Partnerhub's. Layouts link it
	 * unversioned, so it is cached only briefly.
	 */
	@GetMapping("/favicon.ico")
	ResponseEntity<byte[]> favicon() {
		return ResponseEntity.ok()
			.contentType(ICON)
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.branding.faviconIco().orElse(this.defaultFavicon));
	}

	/**
	 * The primary colour as CSS custom properties ({@code --ph-primary}) and Bootstrap's
	 * primary colour, so buttons, links and the partner center's header take it. Empty
	 * without one.
	 */
	@GetMapping(value = "/brand/brand.css", produces = "text/css")
	@ResponseBody
	ResponseEntity<String> css() {
		Brand brand = this.branding.current();
		String css = brand.primaryColor() == null ? "" : stylesheet(brand.primaryColor());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/css;charset=UTF-8"))
			.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
			.body(css);
	}

	static String stylesheet(String color) {
		// the colour passed BrandColors.check: "#" and six hex digits, nothing that could
		// end the declaration
		String dark = BrandColors.darker(color);
		return """
				:root {
				  --ph-primary: %1$s;
				  --ph-primary-dark: %2$s;
				  --bs-primary: %1$s;
				  --bs-primary-rgb: %3$s;
				  --bs-link-color: %1$s;
				  --bs-link-color-rgb: %3$s;
				  --bs-link-hover-color: %2$s;
				}
				.btn-primary {
				  --bs-btn-bg: %1$s; --bs-btn-border-color: %1$s;
				  --bs-btn-hover-bg: %2$s; --bs-btn-hover-border-color: %2$s;
				  --bs-btn-active-bg: %2$s; --bs-btn-active-border-color: %2$s;
				  --bs-btn-disabled-bg: %1$s; --bs-btn-disabled-border-color: %1$s;
				}
				.btn-outline-primary {
				  --bs-btn-color: %1$s; --bs-btn-border-color: %1$s;
				  --bs-btn-hover-bg: %1$s; --bs-btn-hover-border-color: %1$s;
				  --bs-btn-active-bg: %2$s; --bs-btn-active-border-color: %2$s;
				}
				.brand-bar { border-top: 4px solid var(--ph-primary); }
				""".formatted(color, dark, BrandColors.rgb(color));
	}

	/** The terms of service given as text; a terms URL is linked directly instead. */
	@GetMapping("/terms")
	String terms(Model model) {
		String text = this.branding.termsText().orElseThrow(() -> new NotFoundException("No terms."));
		model.addAttribute("terms", text);
		return "branding/terms";
	}

}
