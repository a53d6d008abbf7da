package dev.partnerhub.broadcasts.web;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.partnerhub.broadcasts.domain.Audience;
import dev.partnerhub.broadcasts.domain.Broadcast;
import dev.partnerhub.broadcasts.domain.BroadcastService;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/broadcasts} {@code {subject, body, audience: {program?, group?}}} →
 * 202 {@code {id, recipients}} (sending runs in the background); {@code GET
 * /api/v1/broadcasts/{id}} → {@code {status, recipients, sent, failed}}.
 */
@RestController
class BroadcastApiController {

	record AudienceRequest(@Nullable String program, @Nullable Long group) {
	}

	record BroadcastRequest(@Nullable String subject, @Nullable String body, @Nullable AudienceRequest audience) {
	}

	private final BroadcastService broadcasts;

	BroadcastApiController(BroadcastService broadcasts) {
		this.broadcasts = broadcasts;
	}

	@PostMapping("/api/v1/broadcasts")
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) @Nullable BroadcastRequest request,
			Principal principal) {
		if (request == null) {
			throw new InvalidInputException(null, "A JSON body {subject, body, audience} is required.");
		}
		Audience audience = request.audience() == null ? Audience.everyone()
				: new Audience(request.audience().program(), request.audience().group());
		Broadcast broadcast = this.broadcasts.create(request.subject() == null ? "" : request.subject(),
				request.body() == null ? "" : request.body(), audience, null, principal.getName());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", broadcast.id());
		body.put("recipients", broadcast.recipients());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/broadcasts/" + broadcast.id()))
			.body(body);
	}

	@GetMapping("/api/v1/broadcasts/{id}")
	Map<String, Object> get(@PathVariable long id) {
		Broadcast broadcast = this.broadcasts.get(id);
		Map<String, Long> counts = this.broadcasts.counts(id);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", broadcast.id());
		body.put("status", broadcast.status());
		body.put("recipients", broadcast.recipients());
		body.put("sent", counts.get("sent"));
		body.put("failed", counts.get("failed"));
		body.put("skipped", counts.get("skipped"));
		return body;
	}

}
