package dev.partnerhub.branding;

import java.util.Optional;

import dev.partnerhub.branding.domain.BrandStore;

import org.springframework.stereotype.Service;

/**
 * The company's brand for pages and e-mails, cached (read on every page). Templates call
 * it as {@code ${@branding.current()}}.
 */
@Service("branding")
public class Branding {

	private final BrandStore store;

	Branding(BrandStore store) {
		this.store = store;
	}

	public Brand current() {
		return this.store.current().brand();
	}

	/** The logo as the PNG the server encoded, when one is set. */
	public Optional<byte[]> logoPng() {
		return Optional.ofNullable(this.store.current().logoPng());
	}

	/** The favicon as an ICO holding one PNG, when one is set. */
	public Optional<byte[]> faviconIco() {
		return Optional.ofNullable(this.store.current().faviconIco());
	}

	/** The terms of service as text, when they are given as text (not as a URL). */
	public Optional<String> termsText() {
		return Optional.ofNullable(this.store.current().termsText());
	}

}
