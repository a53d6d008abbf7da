package dev.partnerhub.support.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards failed requests. Asked for directly it
 * has no error to show and Spring Boot answers "500"; that would be a false alarm in
 * every log and monitor, so a direct request gets a 404. Error dispatches are not
 * filtered (OncePerRequestFilter skips them) and render as before.
 */
@Component
class DirectErrorRequests extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/error") || path.startsWith("/error/") || path.startsWith("/error."));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
