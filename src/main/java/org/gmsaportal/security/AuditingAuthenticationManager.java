package org.gmsaportal.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gmsaportal.audit.Actor;
import org.gmsaportal.audit.ActorKind;
import org.gmsaportal.audit.AuditEvent;
import org.gmsaportal.audit.AuditOutcome;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.audit.AuditUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Wraps sign-in with throttling and the audit trail: every attempt is recorded (those refused by a lockout as
 * one event and a count, {@link RepeatedDenials}), and a sign-in whose success cannot be recorded is refused
 * (fail closed).
 */
class AuditingAuthenticationManager implements AuthenticationManager {

	private final AuthenticationManager delegate;

	private final LoginThrottle throttle;

	private final AuditTrail audit;

	private final RepeatedDenials denials;

	AuditingAuthenticationManager(AuthenticationManager delegate, LoginThrottle throttle, AuditTrail audit,
			RepeatedDenials denials) {
		this.delegate = delegate;
		this.throttle = throttle;
		this.audit = audit;
		this.denials = denials;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		String username = attempt.getName();
		String address = address(attempt);
		Optional<Instant> locked = this.throttle.lockedUntil(username, address);
		if (locked.isPresent()) {
			// one event when the lock is first met, then a count: a locked-out client cannot flood the trail
			String source = (address != null) ? address : LoginThrottle.userKey(username);
			this.denials.record("auth.login locked", source, event(username, attempted(username, address),
					AuditOutcome.DENIED, Map.of("reason", "locked out until " + locked.get())), locked.get());
			throw new LockedException("Too many failed sign-ins; try again after " + locked.get());
		}
		Authentication result;
		try {
			result = this.delegate.authenticate(attempt);
		}
		catch (AuthenticationException ex) {
			Optional<Instant> lockout = this.throttle.recordFailure(username, address);
			// Right password but no portal role (or a disabled account) is a denial, not a failure.
			AuditOutcome outcome = (ex instanceof AccountStatusException) ? AuditOutcome.DENIED : AuditOutcome.FAILURE;
			recordQuietly(event(username, attempted(username, address), outcome,
					Map.of("reason", String.valueOf(ex.getMessage()))));
			lockout.ifPresent(until -> recordQuietly(new AuditEvent("auth.lockout", username, AuditOutcome.DENIED,
					Map.of("lockedUntil", until.toString(), "address", String.valueOf(address)),
					attempted(username, address), null, null)));
			throw ex;
		}
		String source = (result.getPrincipal() instanceof PortalPrincipal p) ? p.source() : "unknown";
		this.denials.closeSource(address);
		try {
			this.audit.record(event(result.getName(), Actor.of(result, address), AuditOutcome.SUCCESS,
					Map.of("source", source)));
		}
		catch (AuditUnavailableException ex) {
			throw new AuthenticationServiceException("audit trail unavailable: sign-in refused", ex);
		}
		this.throttle.recordSuccess(username);
		return result;
	}

	private AuditEvent event(String username, Actor actor, AuditOutcome outcome, Map<String, String> details) {
		return new AuditEvent("auth.login", username, outcome, details, actor, null, null);
	}

	/** Who tried to sign in, before (or without) being authenticated: the name typed, holding no roles. */
	private static Actor attempted(String username, @Nullable String address) {
		return new Actor(username, ActorKind.PERSON, List.of(), address);
	}

	/** A failed or refused attempt is refused whether or not it could be recorded. */
	private void recordQuietly(AuditEvent event) {
		try {
			this.audit.record(event);
		}
		catch (AuditUnavailableException ex) {
			// the attempt is refused anyway; the audit writer has logged the failure
		}
	}

	private static @Nullable String address(Authentication attempt) {
		return (attempt.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress() : null;
	}

}
