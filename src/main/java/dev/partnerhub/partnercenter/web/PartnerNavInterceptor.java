package dev.partnerhub.partnercenter.web;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PcLandings;
import dev.partnerhub.partnercenter.domain.PcPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the builder pages a partner may see ({@code pcPages}) to every partner-center page
 * for the layout's navigation: one statement, filtered by his program in SQL, so a page
 * hidden from him never appears in his nav.
 */
@Configuration
class PartnerNavInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	/**
	 * Looked up lazily: @WebMvcTest slices load WebMvcConfigurers without repositories.
	 */
	private final ObjectProvider<PcPages> pages;

	private final ObjectProvider<PcLandings> landings;

	PartnerNavInterceptor(ObjectProvider<PcPages> pages, ObjectProvider<PcLandings> landings) {
		this.pages = pages;
		this.landings = landings;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/partner", "/partner/**");
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView view) {
		PcPages repository = this.pages.getIfAvailable();
		if (repository != null && view != null && view.getModel().get("me") instanceof Me me && me.approved()) {
			view.addObject("pcPages", repository.navFor(me.programId()));
			// with a landing page, /partner shows it and the dashboard moves to
			// /partner/dashboard
			PcLandings landing = this.landings.getIfAvailable();
			if (landing != null) {
				landing.landingSlug(me.programId()).ifPresent(slug -> view.addObject("pcLanding", slug));
			}
		}
	}

}
