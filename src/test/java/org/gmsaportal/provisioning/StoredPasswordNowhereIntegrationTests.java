package org.gmsaportal.provisioning;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.gmsaportal.credspec.KnownPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A password the run writes to a store goes from memory to the store and nowhere else: after a run and its
 * decommission, the test searches the H2 database files, every log line (the portal's own at DEBUG), the audit
 * export in both formats and every page of the run for it. Lab DC plus fabric8's mock API server; see
 * {@link StoreRunSupport}.
 */
class StoredPasswordNowhereIntegrationTests extends StoreRunSupport {

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

	private final Logger portal = (Logger) LoggerFactory.getLogger("org.gmsaportal");

	private Level level;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void captureEveryLogLine() {
		this.level = this.portal.getLevel();
		this.portal.setLevel(Level.DEBUG);
		this.logs.start();
		this.root.addAppender(this.logs);
	}

	@AfterEach
	void stopCapturing() {
		this.root.detachAppender(this.logs);
		this.portal.setLevel(this.level);
	}

	@Test
	void theStoredPasswordIsNowhereInTheDatabaseFilesLogsAuditExportOrPages() throws Exception {
		String name = Requests.freshName();
		String runId = start(this.service.plan(storeRequest(name, KnownPlugin.KUBERNETES_SECRET.clsid(), null)));
		RunView run = finished(runId);
		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		String password = secretData(name).get("password");
		assertThat(password).hasSize(32);

		List<String> pages = new ArrayList<>();
		pages.add(page("/runs/" + runId));
		pages.add(page("/runs/" + runId + "/progress"));
		pages.add(page("/runs/" + runId + "/report"));
		for (RunView.StepView step : run.steps()) {
			if (step.artifact() != null) {
				pages.add(page("/runs/" + runId + "/steps/" + step.index() + "/artifact"));
			}
		}
		pages.add(page("/runs/" + runId + "/decommission"));
		String csv = page("/audit/export.csv?correlationId=" + runId);
		String json = page("/audit/export.json?correlationId=" + runId);
		assertThat(csv).contains("provisioning.step.write-portable-secret").contains("cluster.object.apply");
		assertThat(json).contains("provisioning.step.write-portable-secret");
		assertThat(pages.get(0)).contains("retrieval proven through Kubernetes Secret");

		this.jdbc.sql("CHECKPOINT SYNC").update();
		List<String> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(DATABASE)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				files.add(file + ": " + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
			}
		}
		assertThat(files).isNotEmpty();
		List<String> lines = this.logs.list.stream()
			.map((event) -> event.getFormattedMessage() + " " + event.getThrowableProxy())
			.toList();
		assertThat(lines).anyMatch((line) -> line.contains("wrote the portable identity to Kubernetes Secret"));

		assertThat(files).noneMatch((text) -> text.contains(password));
		assertThat(lines).noneMatch((line) -> line.contains(password));
		assertThat(csv).doesNotContain(password);
		assertThat(json).doesNotContain(password);
		assertThat(pages).noneMatch((text) -> text.contains(password));
	}

	private String page(String path) throws Exception {
		MvcResult result = this.mvc.perform(get(path).with(user("admin").roles("ADMIN"))).andReturn();
		if (result.getRequest().isAsyncStarted()) {
			// The audit exports stream their body.
			result = this.mvc.perform(asyncDispatch(result)).andReturn();
		}
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
