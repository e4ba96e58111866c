package org.gmsaportal.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * One timer per face method and outcome: {@code outcome=success} or {@code error} with the exception's simple class
 * name (a bounded set: the faces' own exceptions), never its message, which may name users or objects. equals,
 * hashCode and toString reach the bean untimed.
 */
class TimedCalls implements InvocationHandler {

	private final String name;

	private final String what;

	private final Object target;

	private final ObjectProvider<MeterRegistry> registry;

	TimedCalls(String name, String what, Object target, ObjectProvider<MeterRegistry> registry) {
		this.name = name;
		this.what = what;
		this.target = target;
		this.registry = registry;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		boolean timed = method.getDeclaringClass() != Object.class;
		long started = System.nanoTime();
		String exception = "none";
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			exception = ex.getCause().getClass().getSimpleName();
			throw ex.getCause();
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
