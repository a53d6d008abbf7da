package dev.partnerhub.orders.web;

import dev.partnerhub.support.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** An unknown order id in a console URL is a "not found" page in the console, not the bare error page. */
@ControllerAdvice(assignableTypes = OrderConsoleController.class)
class OrderPagesAdvice {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex) {
		return new ModelAndView("orders/not-found", HttpStatus.NOT_FOUND);
	}

}
