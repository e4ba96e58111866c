package org.gmsaportal.metrics;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * One timer per face method and outcome: {@code outcome=success} or {@code error} with the exception's simple class
 * name (a bounded set: the faces' own exceptions), never its message, which may name users or objects. equals,
 * hashCode and toString reach the bean untimed.
 */
class TimedCalls implements MethodInterceptor {

	private final String name;

	private final String what;

	private final ObjectProvider<MeterRegistry> registry;

	TimedCalls(String name, String what, ObjectProvider<MeterRegistry> registry) {
		this.name = name;
		this.what = what;
		this.registry = registry;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		boolean timed = method.getDeclaringClass() != Object.class;
		long started = System.nanoTime();
		String exception = "none";
		try {
			return invocation.proceed();
		}
		catch (Throwable ex) {
			exception = ex.getClass().getSimpleName();
			throw ex;
		}
		finally {
			MeterRegistry meters = timed ? this.registry.getIfAvailable() : null;
			if (meters != null) {
				Timer.builder(this.name)
					.description("Calls through the portal's " + this.what + " face")
					.tag("method", method.getName())
					.tag("outcome", "none".equals(exception) ? "success" : "error")
					.tag("exception", exception)
					.register(meters)
					.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			}
		}
	}

}
