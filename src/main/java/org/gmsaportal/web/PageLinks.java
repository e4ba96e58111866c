package org.gmsaportal.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Keeps the links a page renders ({@code @{...}}) off the static resource chain.
 *
 * <p>
 * Springdoc's UI brings webjars-locator-lite, which switches the resource chain on, and with it Boot registers a
 * {@link ResourceUrlEncodingFilter}: every link of every page was then resolved against the static locations in
 * the jar. The chain caches only what it finds, and most links name pages, not files, so each render went to the
 * class path again for each of them (81 % of the request threads' CPU on {@code /runs} in issue 18's profile). The
 * portal configures no versioning strategy, so the filter never changed a URL; disabling its registration (Boot
 * then adds none) costs nothing. Requests for assets, springdoc's UI among them, still go through the chain.
 */
@Configuration(proxyBeanMethods = false)
class PageLinks {

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

}
