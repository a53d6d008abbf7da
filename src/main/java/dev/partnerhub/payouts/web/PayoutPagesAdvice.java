package dev.partnerhub.payouts.web;

import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Unknown batch ids are a console "not found" page; exporting a cancelled batch is a 409 page, never a 500. */
@ControllerAdvice(assignableTypes = PayoutConsoleController.class)
class PayoutPagesAdvice {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex) {
		return new ModelAndView("payouts/not-found", HttpStatus.NOT_FOUND);
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict(ConflictException ex) {
		ModelAndView view = new ModelAndView("payouts/not-found", HttpStatus.CONFLICT);
		view.addObject("error", ex.getMessage());
		return view;
	}

}
