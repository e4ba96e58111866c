package org.gmsaportal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.directory.Directory;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

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
		if (bean instanceof Directory && ownImplementation(bean, Directory.class)) {
			return wrap(bean, new TimedCalls(DIRECTORY_CALLS, "LDAP", this.registry));
		}
		if (bean instanceof Clusters && ownImplementation(bean, Clusters.class)) {
			return wrap(bean, new TimedCalls(CLUSTER_CALLS, "Kubernetes API", this.registry));
		}
		if (bean instanceof AuditTrail trail && ownImplementation(bean, AuditTrail.class)) {
			return new MeteredAuditTrail(trail, this.registry);
		}
		return bean;
	}

	// A proxy of the faces' interfaces, which is how every module is given them.
	private static Object wrap(Object bean, TimedCalls calls) {
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.addAdvice(calls);
		return proxy.getProxy(bean.getClass().getClassLoader());
	}

	// The face's own implementation, from its module's package. A bean another module or a test puts in its place
	// (a stand-in injected by its own class) is left as it is.
	private static boolean ownImplementation(Object bean, Class<?> face) {
		return bean.getClass().getPackageName().equals(face.getPackageName());
	}

}
