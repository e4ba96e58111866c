package org.gmsaportal.directory;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated password of a portable user appears in no log line, audit event, result or exception message.
 */
class SecretHandlingIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	private final AuditRecorder audit = new AuditRecorder();

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	private final PasswordRetrievalProof proof = new PasswordRetrievalProof(this.audit, null);

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

	private Level level;

	@BeforeEach
	void captureEveryLogLine() {
		this.level = this.root.getLevel();
		this.root.setLevel(Level.TRACE);
		this.logs.start();
		this.root.addAppender(this.logs);
	}

	@AfterEach
	void stopCapturing() {
		this.root.detachAppender(this.logs);
		this.root.setLevel(this.level);
	}

	@Test
	void generatedPasswordAppearsNowhereButInTheOneResult() {
		DirectoryConnection admin = this.lab.admin();
		String name = LabDirectory.unique("sc");
		List<String> seen = new ArrayList<>();
		this.identities.ensureGroup(admin, GroupRequest.of(name + "-hosts"));
		this.identities.ensureGmsa(admin, GmsaRequest.of(name, name + "-hosts"));
		PortableUserResult created = this.identities.ensurePortableUser(admin,
				new PortableUserRequest(name + "-ccg", name + "-hosts", null));
		String password = new String(created.password().reveal());
		seen.add(created.toString());
		seen.add(this.proof.prove(admin, name, name + "-ccg", password.toCharArray()).toString());
		seen.add(this.identities
			.ensurePortableUser(admin, new PortableUserRequest(name + "-ccg", name + "-hosts", null))
			.toString());
		// A failing attempt after a password was generated: the container does not exist.
		try {
			this.identities.ensurePortableUser(admin, new PortableUserRequest(LabDirectory.unique("sx"),
					name + "-hosts", "OU=Nowhere,DC=lab,DC=test"));
		}
		catch (DirectoryException ex) {
			seen.add(ex.getMessage());
			seen.add(String.valueOf(ex.getCause()));
		}
		this.logs.list.forEach(event -> seen.add(event.getFormattedMessage() + " " + event.getThrowableProxy()));

		assertThat(password).hasSize(32);
		assertThat(created.toString()).contains("[password not shown]");
		assertThat(this.audit.events).isNotEmpty();
		assertThat(this.audit.dump()).doesNotContain(password).contains("set (not recorded)");
		assertThat(seen).hasSizeGreaterThan(4).noneMatch(text -> text.contains(password));
		assertThat(seen).anyMatch(text -> text.contains("Cannot create the user"));
	}

}
