package org.gmsaportal.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

import io.micrometer.core.instrument.MeterRegistry;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.directory.Directory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Times every call through the directory and cluster faces (LDAP and Kubernetes work, errors included) and every
 * append to the audit trail, by wrapping those beans in a proxy of the interfaces they implement. At the face and
 * not inside it: what an admin waits for is the whole call, retries and translation of errors included.
 *
 * <p>
 * Registered by {@link MetricsConfig} as a static bean; the registry is looked up on the first call only, so that
 * creating this post-processor early does not pull the meter registry (and its configuration) forward.
 */
class FaceMetrics implements BeanPostProcessor {

	static final String DIRECTORY_CALLS = "gmsa.directory.calls";

	static final String CLUSTER_CALLS = "gmsa.cluster.calls";

	private final ObjectProvider<MeterRegistry> registry;

	FaceMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Directory) {
			return wrap(bean, new TimedCalls(DIRECTORY_CALLS, "LDAP", bean, this.registry));
		}
		if (bean instanceof Clusters) {
			return wrap(bean, new TimedCalls(CLUSTER_CALLS, "Kubernetes API", bean, this.registry));
		}
		if (bean instanceof AuditTrail trail) {
			return new MeteredAuditTrail(trail, this.registry);
		}
		return bean;
	}

	private static Object wrap(Object bean, InvocationHandler handler) {
		Class<?>[] faces = ClassUtils.getAllInterfacesForClass(bean.getClass(), bean.getClass().getClassLoader());
		return Proxy.newProxyInstance(bean.getClass().getClassLoader(), faces, handler);
	}

}
