package dev.partnerhub.automation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleDraft;
import dev.partnerhub.automation.domain.Rules;
import dev.partnerhub.filters.FilterJson;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/rules}: list, read, create and replace automation rules. Body:
 * {@code {"name", "enabled", "trigger", "triggerParam", "filter": {match, conditions},
 * "everyCrossing", "actions": [{"type", "param"}]}}; bad definitions are 400 problem+json
 * naming the field.
 */
@RestController
class RuleApiController {

	private final Rules rules;

	RuleApiController(Rules rules) {
		this.rules = rules;
	}

	@GetMapping("/api/v1/rules")
	List<Map<String, Object>> list() {
		return this.rules.rules().stream().map(RuleApiController::json).toList();
	}

	@GetMapping("/api/v1/rules/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return json(this.rules.get(id));
	}

	@PostMapping("/api/v1/rules")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@RequestBody RuleDraft draft) {
		return json(this.rules.create(draft));
	}

	@PutMapping("/api/v1/rules/{id}")
	Map<String, Object> update(@PathVariable long id, @RequestBody RuleDraft draft) {
		return json(this.rules.update(id, draft));
	}

	static Map<String, Object> json(Rule rule) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", rule.id());
		json.put("name", rule.name());
		json.put("enabled", rule.enabled());
		json.put("trigger", rule.trigger().value());
		json.put("triggerParam", rule.triggerParam());
		json.put("filter", rule.filter() == null ? null : FilterJson.tree(rule.filter()));
		json.put("everyCrossing", rule.everyCrossing());
		json.put("actions",
				rule.actions().stream().map(a -> Map.of("type", a.type().value(), "param", a.param())).toList());
		json.put("lastRunAt", rule.lastRunAt() == null ? null : rule.lastRunAt().toString());
		return json;
	}

}
