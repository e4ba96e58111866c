package org.gmsaportal.directory.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Supplier;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory JNDI uses for {@code ldaps://} URLs.
 *
 * <p>
 * JNDI takes a class name and calls its static {@code getDefault()}, so per-connection trust cannot be
 * passed as an object. JNDI opens the socket on the calling thread, so the factory for the connection
 * being opened is bound to that thread for the duration of {@link #with}.
 */
public final class ThreadBoundSocketFactory extends SocketFactory {

	private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

	private final SSLSocketFactory delegate;

	private ThreadBoundSocketFactory(SSLSocketFactory delegate) {
		this.delegate = delegate;
	}

	/** Runs {@code action} with {@code factory} as the one JNDI will use for LDAPS sockets. */
	public static <T> T with(SSLSocketFactory factory, Supplier<T> action) {
		CURRENT.set(factory);
		try {
			return action.get();
		}
		finally {
			CURRENT.remove();
		}
	}

	/** Called by JNDI; refuses to fall back to another trust configuration. */
	public static SocketFactory getDefault() {
		SSLSocketFactory factory = CURRENT.get();
		if (factory == null) {
			throw new IllegalStateException("LDAPS socket requested outside ThreadBoundSocketFactory.with");
		}
		return new ThreadBoundSocketFactory(factory);
	}

	@Override
	public Socket createSocket() throws IOException {
		return this.delegate.createSocket();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return this.delegate.createSocket(host, port);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return this.delegate.createSocket(host, port, localHost, localPort);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return this.delegate.createSocket(host, port);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return this.delegate.createSocket(address, port, localAddress, localPort);
	}

}
