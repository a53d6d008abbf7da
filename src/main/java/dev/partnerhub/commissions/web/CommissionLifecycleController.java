package dev.partnerhub.commissions.web;

import java.util.List;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.LifecycleResult;
import dev.partnerhub.commissions.domain.BulkJobs;
import dev.partnerhub.support.InvalidInputException;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/commissions/approve|decline}: only pending commissions change; the
 * answer says how many did and why each other one did not. Runs in the request (chunked,
 * set-based); up to 100k ids per call.
 */
@RestController
@RequestMapping("/api/v1/commissions")
class CommissionLifecycleController {

	private final CommissionApi commissions;

	CommissionLifecycleController(CommissionApi commissions) {
		this.commissions = commissions;
	}

	@PostMapping("/approve")
	LifecycleResult approve(@RequestBody ApproveRequest request) {
		return this.commissions.approve(checked(request.ids()));
	}

	@PostMapping("/decline")
	LifecycleResult decline(@RequestBody DeclineRequest request) {
		return this.commissions.decline(checked(request.ids()), request.reason());
	}

	private static List<Long> checked(List<Long> ids) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidInputException("ids", "'ids' must list at least one commission id.");
		}
		if (ids.size() > BulkJobs.MAX_IDS) {
			throw new InvalidInputException("ids", "At most " + BulkJobs.MAX_IDS + " ids per request.");
		}
		return ids;
	}

	record ApproveRequest(List<Long> ids) {
	}

	record DeclineRequest(List<Long> ids, @Nullable String reason) {
	}

}
