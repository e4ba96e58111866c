package org.gmsaportal.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings.
 *
 * @param adminPassword password of the local bootstrap admin ({@code PORTAL_ADMIN_PASSWORD}); when unset,
 * one is generated at first start and printed once
 * @param ad sign-in of Active Directory users
 * @param throttle how repeated sign-in failures are slowed down
 */
@ConfigurationProperties("gmsa.security")
@Validated
record SecuritySettings(@Nullable String adminPassword, @DefaultValue @Valid Ad ad,
		@DefaultValue @Valid Throttle throttle) {

	@Override
	public String toString() {
		return "SecuritySettings[ad=" + this.ad + ", throttle=" + this.throttle + "]";
	}

	/**
	 * Active Directory sign-in.
	 *
	 * @param connection name of the directory connection users sign in against; unset means local only
	 * @param adminGroups AD groups (cn or DN) whose members, nested included, get ADMIN
	 * @param auditorGroups AD groups whose members get AUDITOR
	 */
	record Ad(@Nullable String connection, @DefaultValue("GmsaPortal-Admins") List<String> adminGroups,
			@DefaultValue("GmsaPortal-Auditors") List<String> auditorGroups) {
	}

	/**
	 * Sign-in throttling.
	 *
	 * @param maxFailuresPerUser failures of one user name within the window before it is locked
	 * @param maxFailuresPerAddress failures from one client address within the window before it is locked
	 * @param window how far back failures count
	 * @param lockout how long a locked user name or address is refused
	 */
	record Throttle(@DefaultValue("5") @Min(1) int maxFailuresPerUser,
			@DefaultValue("20") @Min(1) int maxFailuresPerAddress, @DefaultValue("15m") Duration window,
			@DefaultValue("15m") Duration lockout) {
	}

}
