package org.gmsaportal.api.v1;

import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.provisioning.Target;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code cluster.workloads} of a filing: read into the request's target, bad input refused naming the field and the
 * rule; whether a workload exists or runs on Windows is the plan's to say, as a blocker the API reports on the same
 * field ({@code target.workloads[i]} is {@code cluster.workloads[i]} to the client).
 */
class WorkloadFilingTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private Filing read(String workloads, boolean exportOnly) {
		return FilingReader.read(this.json.readTree("""
				{"directory": "lab", "account": {"name": "web01"},
				 "hosts": {"mode": "domainJoined", "members": ["NODE1$"]},
				 "cluster": {%s, "namespace": "apps", "workloads": %s}}""".formatted(
				exportOnly ? "\"exportOnly\": true" : "\"connection\": \"lab\"", workloads)));
	}

	@Test
	void theWorkloadsGoToTheClusterTarget() {
		Filing filing = read("""
				[{"kind": "Deployment", "name": "web", "serviceAccount": true}, {"kind": "CronJob", "name": "report"}]""",
				false);

		assertThat(((Target.Cluster) filing.toRequest("lab.test").target()).workloads()).containsExactly(
				new WorkloadRef(WorkloadKind.DEPLOYMENT, "web", true),
				new WorkloadRef(WorkloadKind.CRON_JOB, "report", false));
	}

	@Test
	void anExportTakesItsWorkloadsAsNamedAndItsDnsServersSinceNoClusterIsRead() {
		Filing filing = FilingReader.read(this.json.readTree("""
				{"directory": "lab", "account": {"name": "web01"},
				 "hosts": {"mode": "domainJoined", "members": ["NODE1$"]},
				 "cluster": {"exportOnly": true, "namespace": "apps", "dnsForwardServers": ["10.0.0.4"],
				             "workloads": [{"kind": "StatefulSet", "name": "sql", "serviceAccount": true}]}}"""));

		Target.ExportOnly export = (Target.ExportOnly) filing.toRequest("lab.test").target();
		assertThat(export.workloads()).containsExactly(new WorkloadRef(WorkloadKind.STATEFUL_SET, "sql", true));
		assertThat(export.dnsForwardServers()).containsExactly("10.0.0.4");

		ApiInputException coreDns = catchThrowableOfType(ApiInputException.class, () -> FilingReader.read(
				this.json.readTree("""
						{"directory": "lab", "account": {"name": "web01"},
						 "hosts": {"mode": "domainJoined", "members": ["NODE1$"]},
						 "cluster": {"exportOnly": true, "coreDns": true}}""")));
		assertThat(coreDns.field()).isEqualTo("cluster.coreDns");
		assertThat(coreDns.rule()).startsWith("not with exportOnly: the bundle always carries the CoreDNS block");
		ApiInputException server = catchThrowableOfType(ApiInputException.class, () -> FilingReader.read(
				this.json.readTree("""
						{"directory": "lab", "account": {"name": "web01"},
						 "hosts": {"mode": "domainJoined", "members": ["NODE1$"]},
						 "cluster": {"exportOnly": true, "dnsForwardServers": ["dc1.lab.test"]}}""")));
		assertThat(server.field()).isEqualTo("cluster.dnsForwardServers[0]");
		assertThat(server.rule()).isEqualTo("must be an IPv4 or IPv6 address");
	}

	@Test
	void anUnknownKindAndABadNameAreRefusedOnTheirField() {
		ApiInputException kind = catchThrowableOfType(ApiInputException.class,
				() -> read("[{\"kind\": \"Pod\", \"name\": \"web\"}]", false));
		ApiInputException name = catchThrowableOfType(ApiInputException.class,
				() -> read("[{\"kind\": \"Deployment\", \"name\": \"Web_01\"}]", false));

		assertThat(kind.field()).isEqualTo("cluster.workloads[0].kind");
		assertThat(kind.rule()).isEqualTo("enum: Deployment, StatefulSet, DaemonSet, CronJob");
		assertThat(name.field()).isEqualTo("cluster.workloads[0].name");
		assertThat(name.rule()).contains("DNS subdomain");
	}

	@Test
	void aWorkloadPickedTwiceIsRefusedAndAPlanBlockerIsReportedOnTheClientsField() {
		Filing filing = read("[{\"kind\": \"Deployment\", \"name\": \"web\"}, {\"kind\": \"Deployment\", \"name\": \"web\"}]",
				false);

		ApiInputException twice = catchThrowableOfType(ApiInputException.class, () -> filing.toRequest("lab.test"));

		assertThat(twice.field()).isEqualTo("cluster.workloads[1]");
		assertThat(twice.rule()).contains("Deployment/web is picked twice");
		assertThat(filing.apiField("target.workloads[1]")).isEqualTo("cluster.workloads[1]");
	}

}
