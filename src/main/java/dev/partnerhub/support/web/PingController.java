package dev.partnerhub.support.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A public endpoint that does nothing: a liveness probe for load balancers, and the
 * baseline the redirect benchmark compares {@code /r/} against (same filters, same
 * server, no work).
 */
@RestController
class PingController {

	@GetMapping(path = "/ping", produces = MediaType.TEXT_PLAIN_VALUE)
	String ping() {
		return "ok";
	}

}
