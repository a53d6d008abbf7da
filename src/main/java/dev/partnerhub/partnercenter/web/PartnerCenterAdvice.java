package dev.partnerhub.partnercenter.web;

import dev.partnerhub.support.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Partner-center pages: a pending or suspended partner sees his status (200, no data); an id that is not his is a
 * plain 404 page that does not say whether the id exists.
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
	ModelAndView notFound(NotFoundException ex) {
		return new ModelAndView("partnercenter/not-found", HttpStatus.NOT_FOUND);
	}

}
