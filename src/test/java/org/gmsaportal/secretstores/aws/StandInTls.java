package org.gmsaportal.secretstores.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool, as a keystore for the stand-in server and
 * as the PEM file the adapter trusts through {@code gmsa.secret-stores.aws.ca-file}.
 */
final class StandInTls {

	private static final char[] PASSWORD = "stand-in".toCharArray();

	final Path caFile;

	final SSLContext serverContext;

	private StandInTls(Path caFile, SSLContext serverContext) {
		this.caFile = caFile;
		this.serverContext = serverContext;
	}

	static StandInTls create(Path directory) throws IOException, GeneralSecurityException, InterruptedException {
		Path keystore = directory.resolve("stand-in.p12");
		Path pem = directory.resolve("stand-in-ca.pem");
		keytool("-genkeypair", "-alias", "stand-in", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
				"-dname", "CN=secretsmanager stand-in", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
				"-keystore", keystore.toString(), "-storepass", new String(PASSWORD));
		keytool("-exportcert", "-rfc", "-alias", "stand-in", "-keystore", keystore.toString(), "-storepass",
				new String(PASSWORD), "-file", pem.toString());
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, PASSWORD);
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return new StandInTls(pem, context);
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool " + arguments[0] + " failed: " + output);
		}
	}

}
