package dev.partnerhub.partners.web;

import dev.partnerhub.programs.ProgramApi;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The embedded sign-up's CORS gate, on its own paths only. */
@Configuration(proxyBeanMethods = false)
class EmbedSignupConfiguration {

	@Bean
	FilterRegistrationBean<EmbedSignupGate> embedSignupGate(ProgramApi programs) {
		FilterRegistrationBean<EmbedSignupGate> registration = new FilterRegistrationBean<>(
				new EmbedSignupGate(programs));
		registration.addUrlPatterns(EmbedSignupGate.PREFIX + "*");
		// after the request guards, before Spring Security: a refused origin costs no
		// more than a program lookup
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

}
