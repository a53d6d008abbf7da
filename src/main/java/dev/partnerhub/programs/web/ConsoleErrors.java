package dev.partnerhub.programs.web;

import dev.partnerhub.support.NotFoundException;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Error pages for this module's console controllers: an unknown id is a 404 page, a tampered form (an impossible
 * list index) a 400 page — never a 500. The JSON API keeps the shared problem+json handler.
 */
@ControllerAdvice(assignableTypes = { ProgramController.class, ProductController.class, SettingsController.class })
class ConsoleErrors {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex) {
		return page(HttpStatus.NOT_FOUND, "Not found", "There is nothing at this address. It may have been removed.");
	}

	@ExceptionHandler(InvalidPropertyException.class)
	ModelAndView badForm(InvalidPropertyException ex) {
		return page(HttpStatus.BAD_REQUEST, "Bad request", "The form could not be read. Reload the page and try again.");
	}

	private static ModelAndView page(HttpStatus status, String title, String detail) {
		ModelAndView page = new ModelAndView("programs/error", status);
		page.addObject("status", status.value());
		page.addObject("heading", title);
		page.addObject("detail", detail);
		return page;
	}

}
