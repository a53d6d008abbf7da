package dev.partnerhub.tracking.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * An upload over the container's limit fails before any controller runs; instead of an
 * error page, send the admin back to the promo tools with a message (other paths get a
 * plain 413).
 */
@ControllerAdvice
class UploadLimitAdvice {

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	@Nullable ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/admin/promo-tools")) {
			var flash = RequestContextUtils.getOutputFlashMap(request);
			flash.put("error", "The image must be at most 1 MB.");
			RequestContextUtils.saveOutputFlashMap("/admin/promo-tools", request, null);
			return new ModelAndView("redirect:/admin/promo-tools");
		}
		response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
		return null;
	}

}
