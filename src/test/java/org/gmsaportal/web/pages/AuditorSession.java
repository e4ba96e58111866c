package org.gmsaportal.web.pages;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * A signed-in auditor's session, stored the way a sign-in stores it (Spring Session JDBC, attributes sealed under the
 * data key), for the pages harness: its Spring context is the stand-in directory's, which signs nobody in, and an
 * auditor comes only from AD or single sign-on. How an auditor signs in is tested against the lab DC
 * ({@code PortalBrowserTests}); here it is what the pages show an auditor.
 */
final class AuditorSession {

	private AuditorSession() {
	}

	/** The value of the session cookie of a new session of {@code name} with the role AUDITOR. */
	static <S extends Session> String cookie(SessionRepository<S> sessions, String name) {
		S session = sessions.createSession();
		UsernamePasswordAuthenticationToken auditor = UsernamePasswordAuthenticationToken.authenticated(name, null,
				List.of(new SimpleGrantedAuthority("ROLE_AUDITOR")));
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
				new SecurityContextImpl(auditor));
		sessions.save(session);
		// Spring Session's cookie carries the id in Base64 (DefaultCookieSerializer's default).
		return Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
	}

}
