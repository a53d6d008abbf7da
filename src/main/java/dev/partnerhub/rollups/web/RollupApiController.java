package dev.partnerhub.rollups.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupValue;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/rollup-fields} (definitions) and {@code GET
 * /api/v1/partners/{code}/rollups} (values).
 */
@RestController
class RollupApiController {

	private final RollupDefinitions definitions;

	private final RollupApi rollups;

	private final PartnerApi partners;

	RollupApiController(RollupDefinitions definitions, RollupApi rollups, PartnerApi partners) {
		this.definitions = definitions;
		this.rollups = rollups;
		this.partners = partners;
	}

	@PostMapping("/api/v1/rollup-fields")
	ResponseEntity<RollupFieldJson> create(@RequestBody(required = false) RollupFieldRequest request) {
		long id = this.definitions.create(body(request).draft()).id();
		return ResponseEntity.created(URI.create("/api/v1/rollup-fields/" + id)).body(json(id));
	}

	/** Every definition by name, in the shared page shape. */
	@GetMapping("/api/v1/rollup-fields")
	Map<String, Object> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		List<RollupFieldJson> all = this.definitions.listed().stream().map(RollupFieldJson::of).toList();
		int pageSize = Math.min(Math.max(size, 1), 100);
		int number = Math.max(page, 0);
		int from = (int) Math.min((long) number * pageSize, all.size());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", all.subList(from, Math.min(from + pageSize, all.size())));
		body.put("page", number);
		body.put("size", pageSize);
		body.put("total", all.size());
		return body;
	}

	@GetMapping("/api/v1/rollup-fields/{id}")
	RollupFieldJson get(@PathVariable long id) {
		return json(id);
	}

	@PutMapping("/api/v1/rollup-fields/{id}")
	RollupFieldJson update(@PathVariable long id, @RequestBody(required = false) RollupFieldRequest request) {
		this.definitions.update(id, body(request).draft());
		return json(id);
	}

	@DeleteMapping("/api/v1/rollup-fields/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.definitions.delete(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * {@code {"<field name>": value}}: money as two-decimal strings, counts as integers,
	 * exact now.
	 */
	@GetMapping("/api/v1/partners/{code}/rollups")
	Map<String, Object> values(@PathVariable String code) {
		PartnerSummary partner = this.partners.findByCode(code)
			.orElseThrow(() -> new NotFoundException("No partner with code " + code));
		Map<String, Object> body = new LinkedHashMap<>();
		for (RollupValue value : this.rollups.valuesOf(partner.contactId()).values()) {
			body.put(value.name(), value.json());
		}
		return body;
	}

	private RollupFieldJson json(long id) {
		return this.definitions.findListed(id)
			.map(RollupFieldJson::of)
			.orElseThrow(() -> new NotFoundException("No rollup field " + id));
	}

	private static RollupFieldRequest body(RollupFieldRequest request) {
		if (request == null) {
			throw new InvalidInputException(null,
					"A JSON body {name, function, relationship, field?, filter} is " + "required.");
		}
		return request;
	}

}
