package dev.partnerhub.accounts.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.accounts.domain.TeamService;
import dev.partnerhub.accounts.domain.TeamService.Member;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: invite a console user ({@code {email, role, name?}} → 201 and
 * the invitation e-mail) and list the team. An API key acts as an admin: it cannot invite
 * owners (403).
 */
@RestController
@RequestMapping("/api/v1/users")
class TeamRestController {

	private final TeamService team;

	TeamRestController(TeamService team) {
		this.team = team;
	}

	@PostMapping
	ResponseEntity<UserJson> invite(@RequestBody NewUser body, Authentication authentication) {
		Member member = this.team.invite(TeamManagers.of(authentication), body.email(), body.name(), body.role());
		return ResponseEntity.created(URI.create("/api/v1/users/" + member.id())).body(UserJson.of(member));
	}

	@GetMapping
	PageJson list(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer size) {
		int p = page == null ? 0 : page;
		int s = size == null ? 50 : size;
		if (p < 0 || s < 1 || s > 500) {
			throw new InvalidInputException("page", "page is 0 or more, size 1 to 500.");
		}
		Page<Member> members = this.team.list(PageRequest.of(p, s));
		return new PageJson(members.getContent().stream().map(UserJson::of).toList(), p, s, members.getTotalElements());
	}

	record NewUser(@Nullable String email, @Nullable String role, @Nullable String name) {
	}

	record UserJson(long id, String email, @Nullable String name, String role, String status,
			@Nullable Instant lastLoginAt) {

		static UserJson of(Member m) {
			return new UserJson(m.id(), m.email(), m.name(), m.role().name().toLowerCase(java.util.Locale.ROOT),
					m.status().name().toLowerCase(java.util.Locale.ROOT), m.lastLoginAt());
		}

	}

	record PageJson(List<UserJson> items, int page, int size, long total) {
	}

}
