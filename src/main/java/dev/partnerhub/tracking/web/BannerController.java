package dev.partnerhub.tracking.web;

import java.util.concurrent.TimeUnit;

import dev.partnerhub.tracking.domain.PromoToolService;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Banner images, public because partners embed them on their own sites. */
@RestController
class BannerController {

	private final PromoToolService tools;

	BannerController(PromoToolService tools) {
		this.tools = tools;
	}

	@GetMapping("/promo/banners/{id}")
	ResponseEntity<byte[]> banner(@PathVariable String id) {
		long toolId;
		try {
			toolId = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			return ResponseEntity.notFound().build();
		}
		return this.tools.bannerImage(toolId)
			.map(image -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(image.contentType()))
				.cacheControl(CacheControl.maxAge(1, TimeUnit.DAYS).cachePublic())
				.lastModified(image.updatedAt())
				.eTag("\"" + toolId + "-" + image.updatedAt().toEpochMilli() + "\"")
				.body(image.data()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
