package org.gmsaportal.api.v1;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.security.NewApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gmsaportal.api.v1.ExportOnlyFilings.body;
import static org.gmsaportal.api.v1.ExportOnlyFilings.file;

/**
 * A filing whose domain controller does not answer (issue 18: 503s under load with nothing in the log). The
 * directory connection points at a real TCP port on loopback that accepts connections and never says a word, so
 * the portal's LDAPS client times out in its TLS handshake as it would against a hung DC; no test double stands in
 * for the directory. The filing answers 503 with a problem document naming the domain and the DC, the log says
 * which route, which DC, what the portal was doing and the exception, without the bind password, and the 503 is
 * counted in {@code gmsa_api_unavailable_total}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class FilingDirectoryTimeoutTests {

	private static final String BIND_PASSWORD = "bind-" + UUID.randomUUID();

	private static final SilentPort dc = SilentPort.open();

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void silentDirectory(DynamicPropertyRegistry registry) {
		registry.add("gmsa.directory.connections.lab.urls", () -> "ldaps://127.0.0.1:" + dc.port());
		registry.add("gmsa.directory.connections.lab.domain", () -> "lab.test");
		registry.add("gmsa.directory.connections.lab.bind-user", () -> "svc-portal@lab.test");
		registry.add("gmsa.directory.connections.lab.bind-password", () -> BIND_PASSWORD);
		// Short, so the silence is noticed in a second.
		registry.add("gmsa.directory.connections.lab.connect-timeout", () -> "1s");
		registry.add("gmsa.directory.connections.lab.read-timeout", () -> "1s");
	}

	@AfterAll
	static void closeThePort() throws IOException {
		dc.close();
	}

	@Test
	void aFilingWhoseDcDoesNotAnswerIs503WithAClearProblemLoggedAndCounted(CapturedOutput output) throws Exception {
		NewApiClient filer = this.clients.create("timeout-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE),
				null, List.of());
		double before = unavailable();

		MockHttpServletResponse answer = file(this.mvc, filer, "k-" + UUID.randomUUID(), body("slow01", "RITM9"));

		assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(503);
		assertThat(answer.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = this.json.readTree(answer.getContentAsString());
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("detail").asString()).contains("Cannot reach a domain controller of lab.test",
				"ldaps://127.0.0.1:" + dc.port());
		assertThat(answer.getContentAsString()).doesNotContain(BIND_PASSWORD, "\tat ", "Exception");
		assertThat(dc.connections()).as("the portal did try the DC").isPositive();

		assertThat(output.getAll()).contains("API POST /api/v1/provisioning-requests answered 503",
				"Cannot reach a domain controller of lab.test at [ldaps://127.0.0.1:" + dc.port() + "]",
				"directory while opening a session of connection lab (connect, TLS handshake, bind)",
				"org.gmsaportal.directory.DirectoryException", "SocketTimeoutException")
			.doesNotContain(BIND_PASSWORD);
		assertThat(unavailable() - before).isEqualTo(1.0);
	}

	private double unavailable() {
		var counter = this.meters.find(ApiExceptionHandler.UNAVAILABLE).tag("backend", "directory")
			.tag("exception", "SocketTimeoutException").counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** A loopback port that accepts connections and never writes a byte: a DC that hangs. */
	private record SilentPort(ServerSocket server, List<Socket> accepted) {

		static SilentPort open() {
			try {
				ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				SilentPort port = new SilentPort(server, new CopyOnWriteArrayList<>());
				Thread acceptor = new Thread(() -> {
					while (!server.isClosed()) {
						try {
							port.accepted().add(server.accept());
						}
						catch (IOException ex) {
							return;
						}
					}
				}, "silent-dc");
				acceptor.setDaemon(true);
				acceptor.start();
				return port;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		int connections() {
			return this.accepted.size();
		}

		void close() throws IOException {
			this.server.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

}
