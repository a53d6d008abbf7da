package dev.partnerhub.support.web;

import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * Client errors of the HTML controllers marked {@link ErrorPages} (the console and the
 * partner center): an unknown id is the shared 404 page, a request the current state
 * refuses ({@link ConflictException}, two people saving the same record) the shared 409
 * page, a tampered form (an impossible list index) a 400 — never a 500 or the bare error
 * page. Each page shows the area's navigation and its link back. The JSON API keeps
 * {@link ApiExceptionHandler} (problem+json).
 */
@ControllerAdvice(annotations = ErrorPages.class)
class HtmlErrorPages {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex, HandlerMethod handler) {
		ErrorPages area = area(handler);
		return page("error/not-found", HttpStatus.NOT_FOUND, area, area.notFound(), area.notFoundDetail());
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict(ConflictException ex, HandlerMethod handler) {
		return page("error/conflict", HttpStatus.CONFLICT, area(handler), "Not possible", ex.getMessage());
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ModelAndView changedMeanwhile(OptimisticLockingFailureException ex, HandlerMethod handler) {
		return page("error/conflict", HttpStatus.CONFLICT, area(handler), "Changed meanwhile",
				"Someone else changed this record at the same time. Go back, reload and try again.");
	}

	@ExceptionHandler(InvalidPropertyException.class)
	ModelAndView badForm(InvalidPropertyException ex, HandlerMethod handler) {
		return page("error/conflict", HttpStatus.BAD_REQUEST, area(handler), "Bad request",
				"The form could not be read. Reload the page and try again.");
	}

	private static ErrorPages area(HandlerMethod handler) {
		return handler.getBeanType().getAnnotation(ErrorPages.class);
	}

	private static ModelAndView page(String view, HttpStatus status, ErrorPages area, String heading, String detail) {
		ModelAndView page = new ModelAndView(view, status);
		page.addObject("status", status.value());
		page.addObject("nav", area.nav().isEmpty() ? null : area.nav());
		page.addObject("heading", heading);
		page.addObject("detail", detail);
		page.addObject("backHref", area.back());
		page.addObject("backLabel", area.backLabel());
		return page;
	}

}
