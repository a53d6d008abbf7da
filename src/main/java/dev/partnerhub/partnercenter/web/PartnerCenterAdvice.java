package dev.partnerhub.partnercenter.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Partner-center pages: a pending or suspended partner sees his status (200, no data). An
 * id that is not his is the shared 404 page ({@code support.web.HtmlErrorPages}), which
 * does not say whether the id exists; in the console's page builder its way back leads to
 * the console (an admin may not open {@code /partner}).
 */
@ControllerAdvice(basePackageClasses = PartnerCenterAdvice.class)
class PartnerCenterAdvice {

	@ExceptionHandler(CurrentPartner.NotApproved.class)
	ModelAndView notApproved(CurrentPartner.NotApproved ex) {
		ModelAndView view = new ModelAndView("partnercenter/status", HttpStatus.OK);
		view.addObject("me", ex.me);
		return view;
	}

}
