package org.gmsaportal.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.netty.http.Http11SslContextSpec;

/**
 * TLS for a local stand-in of a cloud service: a throwaway self-signed certificate for the cloud's real host
 * names (made by the JDK's keytool), and an Azure SDK HTTP client that resolves those names to the stand-in and
 * trusts that certificate. Hostname verification stays on, so the SDK connects exactly as to the cloud, URL and
 * TLS name included; only DNS and the trust anchor differ.
 */
final class StandInTls {

	private static final char[] PASSWORD = "stand-in".toCharArray();

	private final KeyStore keyStore;

	private StandInTls(KeyStore keyStore) {
		this.keyStore = keyStore;
	}

	/** A key pair and certificate for the given SAN entries, e.g. {@code dns:*.vault.azure.net}. */
	static StandInTls forNames(List<String> subjectAltNames) {
		try {
			Path dir = Files.createTempDirectory("stand-in-tls");
			Path file = dir.resolve("stand-in.p12");
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "stand-in", "-keyalg",
					"EC", "-groupname", "secp256r1", "-dname", "CN=cloud stand-in", "-ext",
					"SAN=" + String.join(",", subjectAltNames), "-validity", "2", "-storetype", "PKCS12",
					"-keystore", file.toString(), "-storepass", new String(PASSWORD))
				.redirectErrorStream(true)
				.start();
			String out = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException("keytool failed: " + out);
			}
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(file)) {
				keyStore.load(in, PASSWORD);
			}
			Files.delete(file);
			Files.delete(dir);
			return new StandInTls(keyStore);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	SSLContext serverContext() {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(this.keyStore, PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	X509Certificate certificate() {
		try {
			return (X509Certificate) this.keyStore.getCertificate("stand-in");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The SDK's own Netty client, with a resolver that maps host names through {@code route} (empty: the name
	 * does not resolve, as an unknown vault's) and this certificate as the only trust anchor.
	 */
	HttpClient sdkClient(Function<String, Optional<InetSocketAddress>> route) {
		reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
			.resolver(new RoutingResolverGroup(route))
			.secure((spec) -> spec
				.sslContext(Http11SslContextSpec.forClient().configure((ssl) -> ssl.trustManager(certificate()))));
		return new NettyAsyncHttpClientBuilder(netty).build();
	}

	/** A loopback port nothing listens on: connections to it are refused, like a vault behind a firewall. */
	static InetSocketAddress closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static UnknownHostException unknown(InetSocketAddress address) {
		// Netty's own DNS resolver words it the same way.
		return new UnknownHostException("failed to resolve '" + address.getHostString() + "'");
	}

	private static final class RoutingResolverGroup extends AddressResolverGroup<InetSocketAddress> {

		private final Function<String, Optional<InetSocketAddress>> route;

		RoutingResolverGroup(Function<String, Optional<InetSocketAddress>> route) {
			this.route = route;
		}

		@Override
		protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
			return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {

				/** Every address goes through the route, IP literals too: nothing leaves the loopback interface. */
				@Override
				protected boolean doIsResolved(InetSocketAddress address) {
					return false;
				}

				@Override
				protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
					Optional<InetSocketAddress> target = RoutingResolverGroup.this.route.apply(address.getHostString());
					if (target.isPresent()) {
						promise.setSuccess(target.get());
					}
					else {
						promise.setFailure(unknown(address));
					}
				}

				@Override
				protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
					Optional<InetSocketAddress> target = RoutingResolverGroup.this.route.apply(address.getHostString());
					if (target.isPresent()) {
						promise.setSuccess(List.of(target.get()));
					}
					else {
						promise.setFailure(unknown(address));
					}
				}

			};
		}

	}

}
