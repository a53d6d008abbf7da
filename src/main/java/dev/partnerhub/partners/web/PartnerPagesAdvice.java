package dev.partnerhub.partners.web;

import dev.partnerhub.support.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** An unknown partner or contact id in a console URL is a "not found" page, never an error 500. */
@ControllerAdvice(assignableTypes = { PartnerController.class, ReferralInfoController.class })
class PartnerPagesAdvice {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex) {
		ModelAndView page = new ModelAndView("partners/not-found");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

}
