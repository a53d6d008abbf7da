package dev.partnerhub.partners.web;

import dev.partnerhub.support.NotFoundException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * An unknown partner or contact id in a console URL is a "not found" page, and two admins saving the same partner at
 * once a "changed meanwhile" page: neither is an error 500.
 */
@ControllerAdvice(assignableTypes = { PartnerController.class, ReferralInfoController.class,
		CouponConsoleController.class })
class PartnerPagesAdvice {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex) {
		return page(HttpStatus.NOT_FOUND, "Not found", "That partner or contact does not exist; it may have been removed.");
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ModelAndView changedMeanwhile(OptimisticLockingFailureException ex) {
		return page(HttpStatus.CONFLICT, "Changed meanwhile",
				"Someone else changed this partner at the same time. Go back, reload and try again.");
	}

	private static ModelAndView page(HttpStatus status, String heading, String detail) {
		ModelAndView page = new ModelAndView("partners/not-found");
		page.addObject("heading", heading);
		page.addObject("detail", detail);
		page.setStatus(status);
		return page;
	}

}
