package dev.partnerhub.groups.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.groups.GroupSummary;
import dev.partnerhub.groups.MembersPage;
import dev.partnerhub.groups.domain.GroupService;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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
 * {@code POST/GET /api/v1/groups}, {@code GET/PUT/DELETE /api/v1/groups/{id}}, {@code GET
 * /api/v1/groups/{id}/members?page=&size=} → {@code {items: [{contactId, email,
 * firstName, lastName}], page, size, total}}.
 */
@RestController
class GroupApiController {

	/**
	 * The filter arrives as a JSON tree so {@link FilterJson} reports mistakes with their
	 * path.
	 */
	record GroupRequest(@Nullable String name, @Nullable JsonNode filter) {

		@Nullable Filter parsedFilter() {
			if (this.filter == null || this.filter.isNull()) {
				return null;
			}
			return FilterJson.parse(this.filter, "filter");
		}

	}

	private final GroupService groups;

	GroupApiController(GroupService groups) {
		this.groups = groups;
	}

	@PostMapping("/api/v1/groups")
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) GroupRequest request) {
		GroupRequest body = body(request);
		GroupSummary group = this.groups.create(body.name(), body.parsedFilter());
		return ResponseEntity.created(URI.create("/api/v1/groups/" + group.id())).body(json(group));
	}

	@GetMapping("/api/v1/groups")
	Map<String, Object> list() {
		List<Map<String, Object>> items = this.groups.groups().stream().map(GroupApiController::json).toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items);
		body.put("page", 0);
		body.put("size", items.size());
		body.put("total", items.size());
		return body;
	}

	@GetMapping("/api/v1/groups/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return json(this.groups.get(id));
	}

	@PutMapping("/api/v1/groups/{id}")
	Map<String, Object> update(@PathVariable long id, @RequestBody(required = false) GroupRequest request) {
		GroupRequest body = body(request);
		return json(this.groups.update(id, body.name(), body.parsedFilter()));
	}

	@DeleteMapping("/api/v1/groups/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.groups.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/groups/{id}/members")
	Map<String, Object> members(@PathVariable long id, @RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		MembersPage members = this.groups.members(id, whole("page", page, 0), whole("size", size, 50));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", members.items().stream().map(m -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("contactId", m.contactId());
			item.put("email", m.email());
			item.put("firstName", m.firstName());
			item.put("lastName", m.lastName());
			return item;
		}).toList());
		body.put("page", members.page());
		body.put("size", members.size());
		body.put("total", members.total());
		return body;
	}

	static Map<String, Object> json(GroupSummary group) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", group.id());
		json.put("name", group.name());
		json.put("filter", FilterJson.tree(group.filter()));
		json.put("summary", group.summary());
		json.put("createdAt", group.createdAt().toString());
		json.put("updatedAt", group.updatedAt().toString());
		return json;
	}

	private static GroupRequest body(GroupRequest request) {
		if (request == null) {
			throw new InvalidInputException(null, "A JSON body {name, filter} is required.");
		}
		return request;
	}

	private static int whole(String field, String value, int fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, field + ": must be a whole number");
		}
	}

}
