package org.gmsaportal.web.clients;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.gmsaportal.security.ApiScope;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The create form of an API client; a mutable bean so that a field that does not convert leaves the
 * others bound and the form comes back with everything the admin typed.
 */
public class ApiClientForm {

	private static final Pattern HOST = Pattern
		.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	@NotBlank
	@Size(max = 64)
	@jakarta.validation.constraints.Pattern(regexp = "|[A-Za-z0-9][A-Za-z0-9._-]*", message = "{apiClients.name.pattern}")
	private String name = "";

	@NotEmpty(message = "{apiClients.scopes.required}")
	private List<ApiScope> scopes = new ArrayList<>();

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate expiresOn;

	@Size(max = 2000)
	private String callbackHosts = "";

	private boolean autoApprove;

	/** Host names, one per line or comma-separated, lower-cased. */
	List<String> hosts() {
		return Arrays.stream(this.callbackHosts.split("[,\\s]+")).map(String::strip).filter(h -> !h.isEmpty())
			.map(h -> h.toLowerCase(Locale.ROOT)).distinct().toList();
	}

	@AssertTrue(message = "{apiClients.callbackHosts.valid}")
	public boolean isCallbackHostsValid() {
		List<String> hosts = hosts();
		return hosts.size() <= 20 && hosts.stream().allMatch(h -> HOST.matcher(h).matches());
	}

	@AssertTrue(message = "{apiClients.expiresOn.future}")
	public boolean isExpiresOnValid() {
		return this.expiresOn == null || this.expiresOn.isAfter(LocalDate.now(ZoneOffset.UTC));
	}

	public String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = (name != null) ? name.strip() : "";
	}

	public List<ApiScope> getScopes() {
		return this.scopes;
	}

	public void setScopes(@Nullable List<ApiScope> scopes) {
		this.scopes = (scopes != null) ? scopes : new ArrayList<>();
	}

	public @Nullable LocalDate getExpiresOn() {
		return this.expiresOn;
	}

	public void setExpiresOn(@Nullable LocalDate expiresOn) {
		this.expiresOn = expiresOn;
	}

	public boolean isAutoApprove() {
		return this.autoApprove;
	}

	public void setAutoApprove(boolean autoApprove) {
		this.autoApprove = autoApprove;
	}

	public String getCallbackHosts() {
		return this.callbackHosts;
	}

	public void setCallbackHosts(@Nullable String callbackHosts) {
		this.callbackHosts = (callbackHosts != null) ? callbackHosts : "";
	}

}
