package org.gmsaportal.provisioning;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.support.LabServices;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Freezes the Samba lab DC (SIGSTOP, which is what a hung or unreachable DC looks like to a client) from the
 * run's own thread, as the first gMSA step applies and before its LDAP write: the outage then falls exactly
 * between the group step and the gMSA step, however fast or slow the machine is. A test that froze the DC from
 * its own thread once it saw the group step done raced the run, which could be steps further by then.
 * <p>
 * A bean post-processor that wraps the directory module's face; the tests send SIGCONT themselves ({@link #thaw}).
 */
final class FreezeDcAtGmsaStep implements BeanPostProcessor {

	/** Opens once the DC is frozen and the gMSA step is about to wait on it. */
	final CountDownLatch frozen = new CountDownLatch(1);

	private final AtomicBoolean armed = new AtomicBoolean(true);

	private final String sambaPid;

	FreezeDcAtGmsaStep() {
		try {
			this.sambaPid = Files.readString(labDir().resolve("samba.pid")).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the lab DC's samba.pid", ex);
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof Directory real)) {
			return bean;
		}
		return Proxy.newProxyInstance(Directory.class.getClassLoader(), new Class<?>[] { Directory.class },
				(proxy, method, args) -> {
					if (method.getName().equals("ensureGmsa") && args[2] == Directory.Mode.APPLY
							&& this.armed.compareAndSet(true, false)) {
						signal("STOP");
						this.frozen.countDown();
					}
					try {
						return method.invoke(real, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/** Lets the DC answer again. */
	void thaw() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			int exit = new ProcessBuilder("kill", "-" + signal, this.sambaPid).inheritIO().start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException("kill -" + signal + " " + this.sambaPid + " exited with " + exit);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path labDir() {
		return Path.of(LabServices.dc("GMSA_LAB_CA_FILE")).getParent().getParent();
	}

}
