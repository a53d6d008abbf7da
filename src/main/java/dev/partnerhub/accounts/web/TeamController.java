package dev.partnerhub.accounts.web;

import dev.partnerhub.accounts.Role;
import dev.partnerhub.accounts.domain.TeamService;
import dev.partnerhub.accounts.domain.TeamService.Member;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's users page: the team with role, status and last login; invite by e-mail
 * with a role, change a role, deactivate and reactivate (rules in {@link TeamService}).
 */
@Controller
@RequestMapping("/admin/users")
class TeamController {

	private final TeamService team;

	TeamController(TeamService team) {
		this.team = team;
	}

	@GetMapping
	String list(@ListPage(size = 50, maxSize = 200) Pageable pageable, HttpServletRequest request,
			Authentication authentication, Model model) {
		Page<Member> members = this.team.list(pageable);
		model.addAttribute("members", members);
		model.addAttribute("links", PageLinks.of(members, ListParams.currentList(request)));
		model.addAttribute("roles", Role.TEAM);
		model.addAttribute("me", authentication.getName());
		Role role = Role.strongestTeamRole(authentication.getAuthorities()).orElse(Role.VIEWER);
		model.addAttribute("manages", role.includes(Role.ADMIN));
		model.addAttribute("owner", role == Role.OWNER);
		return "accounts/users";
	}

	@PostMapping
	String invite(@RequestParam(defaultValue = "") String email, @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "") String role, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			Member member = this.team.invite(TeamManagers.of(authentication), email, name, role);
			return "Invitation sent to " + member.email() + " (" + member.role().label() + ").";
		});
	}

	@PostMapping("/{id}/role")
	String changeRole(@PathVariable long id, @RequestParam(defaultValue = "") String role,
			Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			Member member = this.team.changeRole(TeamManagers.of(authentication), id, role);
			return member.email() + " is " + member.role().label() + " now; their sessions ended.";
		});
	}

	@PostMapping("/{id}/deactivate")
	String deactivate(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			Member member = this.team.deactivate(TeamManagers.of(authentication), id);
			return member.email() + " is deactivated; their sessions ended.";
		});
	}

	@PostMapping("/{id}/reactivate")
	String reactivate(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			Member member = this.team.reactivate(TeamManagers.of(authentication), id);
			return member.email() + " is " + member.status().label().toLowerCase(java.util.Locale.ROOT) + " again.";
		});
	}

	@PostMapping("/{id}/invite")
	String resend(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			this.team.resendInvitation(TeamManagers.of(authentication), id);
			return "Invitation sent again.";
		});
	}

	/**
	 * Rule breaks (bad input, the last owner) are messages on the page; not being allowed
	 * is a 403.
	 */
	private static String act(RedirectAttributes redirect, java.util.function.Supplier<String> action) {
		try {
			redirect.addFlashAttribute("message", action.get());
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/users";
	}

}
