package org.gmsaportal.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.directory.DirectoryListing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The directory's rules: risky settings of every gMSA, user and root key the listings hold, and drift of what
 * portal runs made from the portal's records.
 * <p>
 * A portable user's password is judged against {@code gmsa.provisioning.rotation.interval}; without one, against
 * 30 days, the default password interval of a gMSA ({@code msDS-ManagedPasswordInterval}), which is what the
 * portal schedules nothing for but would suggest.
 */
@Component
public class DirectoryAssessor implements Assessor {

	/** The age a portable user's password is judged against when no rotation interval is configured. */
	public static final Duration DEFAULT_MAX_PASSWORD_AGE = Duration.ofDays(30);

	private final DirectoryFindings findings;

	@Autowired
	DirectoryAssessor(Environment environment) {
		this(environment.getProperty("gmsa.provisioning.rotation.interval", Duration.class));
	}

	/** @param rotationInterval the configured rotation interval, or {@code null} when none is set */
	public DirectoryAssessor(@org.jspecify.annotations.Nullable Duration rotationInterval) {
		this.findings = (rotationInterval != null)
				? new DirectoryFindings(rotationInterval, "gmsa.provisioning.rotation.interval")
				: new DirectoryFindings(DEFAULT_MAX_PASSWORD_AGE, "gmsa.provisioning.rotation.interval is not set; "
						+ "the portal then judges against the gMSA default password interval");
	}

	@Override
	public List<Finding> findings(InventoryData data) {
		List<Finding> all = new ArrayList<>();
		for (DirectoryListing listing : data.directories()) {
			all.addAll(this.findings.of(listing, data.records()));
		}
		return all;
	}

	@Override
	public List<Drift> drift(InventoryData data) {
		return DirectoryDrift.of(data.directories(), data.records());
	}

}
