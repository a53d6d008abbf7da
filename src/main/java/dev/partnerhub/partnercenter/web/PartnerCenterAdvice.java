package dev.partnerhub.partnercenter.web;

import dev.partnerhub.support.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Partner-center pages: a pending or suspended partner sees his status (200, no data); an id that is not his is a
 * plain 404 page that does not say whether the id exists. The same page answers the console's page builder, where
 * its way back leads to the console (an admin may not open {@code /partner}).
 */
@ControllerAdvice(basePackageClasses = PartnerCenterAdvice.class)
class PartnerCenterAdvice {

	@ExceptionHandler(CurrentPartner.NotApproved.class)
	ModelAndView notApproved(CurrentPartner.NotApproved ex) {
		ModelAndView view = new ModelAndView("partnercenter/status", HttpStatus.OK);
		view.addObject("me", ex.me);
		return view;
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex, HttpServletRequest request) {
		ModelAndView view = new ModelAndView("partnercenter/not-found", HttpStatus.NOT_FOUND);
		boolean console = request.getRequestURI().startsWith(request.getContextPath() + "/admin/");
		view.addObject("backHref", console ? "/admin/partner-center" : "/partner");
		view.addObject("backLabel", console ? "Back to the partner-center pages in the console" : "Back to your dashboard");
		return view;
	}

}
