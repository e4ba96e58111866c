package org.gmsaportal.callbacks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The HTTP side of a callback attempt. The host is resolved once per attempt by {@link CallbackAddresses}, and the
 * client connects to exactly those addresses, which passed the internal-address check in that same lookup. No
 * redirects, no retries of a POST, no cookies, no reused connections, and no HTTP proxy from the system properties
 * (a proxy would resolve the host itself). One attempt is bounded as a whole: the socket timeout covers a single
 * read only, and a receiver trickling its answer would otherwise hold the poll, and every other client's
 * callbacks, for as long as it likes.
 */
@Component
class CallbackTransport implements DisposableBean {

	// Built at the first callback: its TLS setup reads the JDK's trust store, which no start needs to wait for.
	private @Nullable CloseableHttpClient http;

	private final CallbackAddresses addresses;

	// The classic client resolves on the calling thread, so the attempt's addresses travel with it.
	private final ThreadLocal<InetAddress[]> pinned = new ThreadLocal<>();

	private final Duration attemptTimeout;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "callback-attempt-timer");
		thread.setDaemon(true);
		return thread;
	});

	CallbackTransport(CallbackAddresses addresses,
			CallbackSettings settings) {
		this.addresses = addresses;
		this.attemptTimeout = settings.callbacks().attemptTimeout();
	}

	private synchronized CloseableHttpClient http() {
		if (this.http == null) {
			this.http = HttpClients.custom()
				.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
					.setDnsResolver(new PinnedResolver())
					.setDefaultConnectionConfig(ConnectionConfig.custom()
						.setConnectTimeout(Timeout.ofSeconds(5))
						.setSocketTimeout(Timeout.ofSeconds(10))
						.build())
					.build())
				.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(10)).build())
				// A fresh connection per attempt: callbacks are rare, and a pooled connection the receiver closed
				// while idle would fail the next attempt (automatic retries, which would re-send a POST, stay off).
				.setConnectionReuseStrategy((request, response, context) -> false)
				.disableRedirectHandling()
				.disableAutomaticRetries()
				.disableCookieManagement()
				.setUserAgent("gMSA-Portal-Webhooks/1")
				.build();
		}
		return this.http;
	}

	/**
	 * POSTs a JSON body and reads the whole answer.
	 * @param checked the host's addresses as {@link CallbackPolicy#check} approved them, which the connection goes to;
	 * {@code null} to have the host resolved (and checked) here
	 * @return the answer's status code; a redirect is returned, not followed
	 * @throws TimeoutException if the exchange took longer than {@code gmsa.api.callbacks.attempt-timeout}
	 * @throws CallbackAddresses.InternalAddressException if the host resolved to an internal address
	 */
	int post(String url, InetAddress @Nullable [] checked, Map<String, String> headers, String body)
			throws IOException, TimeoutException {
		// Before the clock starts: the first callback builds the client, which its attempt must not pay for.
		CloseableHttpClient http = http();
		HttpPost post = new HttpPost(url);
		// Resolved and checked once, before the clock starts: a lookup cannot be interrupted, and a cancel during a
		// lookup inside the client would leave its connection half made. The client connects to these addresses.
		this.pinned.set((checked != null) ? checked : this.addresses.resolve(post.getAuthority().getHostName()));
		headers.forEach(post::setHeader);
		post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
		ScheduledFuture<?> bound = this.timer.schedule(post::cancel, this.attemptTimeout.toMillis(),
				TimeUnit.MILLISECONDS);
		try {
			return http.execute(post, (response) -> {
				EntityUtils.consume(response.getEntity());
				return response.getCode();
			});
		}
		catch (IOException | RuntimeException ex) {
			// A cancel surfaces as whatever the client was doing: an I/O error, or an endpoint no longer there.
			if (post.isCancelled()) {
				throw new TimeoutException("no complete answer within " + this.attemptTimeout.toSeconds() + " s");
			}
			throw ex;
		}
		finally {
			bound.cancel(false);
			this.pinned.remove();
		}
	}

	/** The client's resolver: the addresses this thread's attempt resolved and checked, and nothing else. */
	private final class PinnedResolver implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			InetAddress[] addresses = CallbackTransport.this.pinned.get();
			if (addresses == null) {
				throw new UnknownHostException(host + " was not resolved for this attempt");
			}
			return addresses;
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	}

	@Override
	public synchronized void destroy() throws IOException {
		this.timer.shutdownNow();
		if (this.http != null) {
			this.http.close();
		}
	}

}
