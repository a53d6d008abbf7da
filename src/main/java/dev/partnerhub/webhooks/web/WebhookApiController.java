package dev.partnerhub.webhooks.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.webhooks.domain.WebhookEndpoints;
import dev.partnerhub.webhooks.domain.WebhookEndpoints.Created;
import dev.partnerhub.webhooks.domain.WebhookEndpoints.Endpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: register an endpoint ({@code {url, events}} → 201 {@code {id,
 * secret}}, the secret shown only here), list them (without secrets), delete one.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookApiController {

	private final WebhookEndpoints endpoints;

	WebhookApiController(WebhookEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@PostMapping
	ResponseEntity<CreatedJson> create(@Valid @RequestBody NewEndpoint body) {
		Created created = this.endpoints.register(body.url(), body.events());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id()))
			.body(new CreatedJson(created.id(), created.secret()));
	}

	@GetMapping
	List<EndpointJson> list() {
		return this.endpoints.all().stream().map(EndpointJson::of).toList();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.endpoints.delete(id);
		return ResponseEntity.noContent().build();
	}

	record NewEndpoint(@Size(max = 2000) @Nullable String url,
			@Size(max = 20) @Nullable List<@Size(max = 100) String> events) {
	}

	record CreatedJson(long id, String secret) {
	}

	record EndpointJson(long id, String url, List<String> events, String status, @Nullable String disabledReason,
			Instant createdAt) {

		static EndpointJson of(Endpoint e) {
			return new EndpointJson(e.id(), e.url(), e.events(), e.status(), e.disabledReason(), e.createdAt());
		}

	}

}
