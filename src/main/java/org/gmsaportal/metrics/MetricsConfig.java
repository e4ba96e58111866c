package org.gmsaportal.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the face metrics; static, as a post-processor must be, so that it wraps the faces when they start. */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

	@Bean
	static FaceMetrics faceMetrics(ObjectProvider<MeterRegistry> registry) {
		return new FaceMetrics(registry);
	}

}
