package org.gmsaportal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart in deploy/helm/gmsa-portal through Helm's own engine (helm-java: Helm's Go library in a jar, no
 * binary, no cluster): {@code helm lint --strict}, then {@code helm template}, whose objects are read back as
 * fabric8's typed model and checked for what the portal needs, and validated against the JSON schemas in this
 * package (written from the Kubernetes API reference and the Pod Security Standards' restricted profile).
 */
class HelmChartTests {

	private static final Path CHART = Path.of("deploy/helm/gmsa-portal");

	private static final Path FULL_VALUES = Path.of("src/test/resources/org/gmsaportal/deploy/values-full.yaml");

	private final Helm helm = new Helm(CHART);

	@Test
	void theChartLintsCleanlyInStrictMode() {
		LintResult defaults = this.helm.lint().strict().call();
		assertThat(defaults.isFailed()).as(String.join("\n", defaults.getMessages())).isFalse();
		assertThat(defaults.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
	}

	@Test
	void theDeploymentRunsNonRootOnAReadOnlyRootWithProbesThatLeaveTheDirectoryOut() {
		Rendered chart = render(template().withValuesFile(FULL_VALUES));
		Deployment deployment = chart.one(Deployment.class);

		assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
		Container portal = pod.getContainers().get(0);
		assertThat(portal.getImage()).isEqualTo("registry.example.com/platform/gmsa-portal:0.1.0");
		assertThat(portal.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(portal.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(portal.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		// The probes are the health groups application.properties defines (HealthProbesTests: a DC outage leaves
		// both UP); a startup probe gives a slow first start its time without a long liveness delay.
		assertThat(portal.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		assertThat(portal.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
		assertThat(portal.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		assertThat(portal.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
		assertThat(portal.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
		// The only writable paths are volumes: /tmp, the working directory and the checkpoints' claim.
		assertThat(portal.getVolumeMounts()).filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
			.extracting(m -> m.getMountPath())
			.containsExactlyInAnyOrder("/tmp", "/var/lib/gmsa-portal", "/var/lib/gmsa-portal-checkpoints");
		Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
		assertThat(volumes.get("checkpoints").getPersistentVolumeClaim().getClaimName())
			.isEqualTo("audit-checkpoints-worm");
		assertThat(volumes.get("keys").getSecret().getSecretName()).isEqualTo("gmsa-portal-keys");
		assertThat(errors("deployment-restricted.schema.json", deployment)).isEmpty();
		// The schema does hold the restricted profile: a container that may escalate fails it.
		portal.getSecurityContext().setAllowPrivilegeEscalation(true);
		assertThat(errors("deployment-restricted.schema.json", deployment)).isNotEmpty();
	}

	@Test
	void everySecretComesFromASecretByReferenceAndNeverAsAValue() {
		Rendered chart = render(template().withValuesFile(FULL_VALUES));
		Map<String, EnvVar> env = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
			.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));

		assertThat(secretRef(env, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("portal-db/app-password");
		assertThat(secretRef(env, "SPRING_FLYWAY_PASSWORD")).isEqualTo("portal-db/owner-password");
		assertThat(secretRef(env, "GMSA_DIRECTORY_CONNECTIONS_CORP_BIND_PASSWORD"))
			.isEqualTo("portal-ad-corp/bind-password");
		assertThat(secretRef(env, "GMSA_AUDIT_CHECKPOINT_KEY")).isEqualTo("gmsa-portal-keys/audit-checkpoint-key");
		assertThat(secretRef(env, "GMSA_API_SECRET_KEY")).isEqualTo("gmsa-portal-keys/api-secret-key");
		assertThat(secretRef(env, "GMSA_KEYS_DATA_KEY")).isEqualTo("gmsa-portal-keys/data-key");
		assertThat(secretRef(env, "PORTAL_ADMIN_PASSWORD")).isEqualTo("portal-admin/password");
		assertThat(secretRef(env, "GMSA_SECURITY_OIDC_CLIENT_SECRET")).isEqualTo("portal-oidc/client-secret");
		assertThat(env.get("GMSA_SECURITY_OIDC_ISSUER").getValue())
			.isEqualTo("https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0");
		assertThat(env.get("GMSA_SECURITY_OIDC_ADMIN_GROUPS").getValue())
			.isEqualTo("11111111-1111-1111-1111-111111111111");
		assertThat(env.get("GMSA_COOKIE_SAME_SITE").getValue()).isEqualTo("lax");
		assertThat(env.values()).filteredOn(e -> e.getName().matches(".*(PASSWORD|SECRET|_KEY)$"))
			.allSatisfy(e -> assertThat(e.getValue()).as(e.getName()).isNull());
		assertThat(env.get("SPRING_DATASOURCE_URL").getValue())
			.isEqualTo("jdbc:postgresql://pg.example:5432/gmsa_portal");
		assertThat(env.get("GMSA_DIRECTORY_CONNECTIONS_CORP_URLS").getValue())
			.isEqualTo("ldaps://dc1.corp.example:636,ldaps://dc2.corp.example:636");
		assertThat(env.get("GMSA_DIRECTORY_CONNECTIONS_CORP_CA_FILE").getValue())
			.isEqualTo("/etc/gmsa-portal/ca/corp/ca.pem");
		assertThat(env.get("GMSA_CLUSTER_CONNECTIONS_LOCAL_IN_CLUSTER").getValue()).isEqualTo("true");
		assertThat(env.get("GMSA_FORWARD_HEADERS_STRATEGY").getValue()).isEqualTo("native");
		assertThat(env.get("GMSA_COOKIE_SECURE").getValue()).isEqualTo("true");
	}

	@Test
	void theServiceAndTheDisruptionBudgetSelectThePortalsPods() {
		Rendered chart = render(template().withValuesFile(FULL_VALUES));
		Map<String, String> podLabels = chart.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

		Service service = chart.one(Service.class);
		assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
		assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
		PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
		assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
		assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
		assertThat(errors("pdb.schema.json", pdb)).isEmpty();
		Ingress ingress = chart.one(Ingress.class);
		assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("gmsa-portal-tls");
		assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("gmsa.corp.example");
		assertThat(chart.one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
			.containsEntry("prometheus.io/path", "/actuator/prometheus");
	}

	@Test
	void theServiceAccountMayDoWhatTheClusterModuleDoesAndInstallTheWebhookOnlyWhenAllowed() {
		Rendered chart = render(template());
		ServiceAccount account = chart.one(ServiceAccount.class);
		ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class);
		assertThat(binding.getSubjects().get(0).getName()).isEqualTo(account.getMetadata().getName());
		assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
			.isEqualTo(account.getMetadata().getName());
		List<PolicyRule> rules = chart.one(ClusterRole.class).getRules();
		assertThat(verbs(rules, "windows.k8s.io", "gmsacredentialspecs")).contains("use", "create", "patch", "delete");
		assertThat(verbs(rules, "", "pods/exec")).containsExactly("create");
		assertThat(verbs(rules, "authorization.k8s.io", "subjectaccessreviews")).containsExactly("create");
		assertThat(verbs(rules, "apiextensions.k8s.io", "customresourcedefinitions")).contains("create")
			.doesNotContain("delete");
		// Without the webhook install, the portal cannot create a CRD or a webhook configuration.
		List<PolicyRule> withoutInstall = render(template().set("rbac.installWebhook", false)).one(ClusterRole.class)
			.getRules();
		assertThat(verbs(withoutInstall, "apiextensions.k8s.io", "customresourcedefinitions"))
			.containsExactlyInAnyOrder("get", "list");
		assertThat(verbs(withoutInstall, "admissionregistration.k8s.io", "mutatingwebhookconfigurations"))
			.containsExactlyInAnyOrder("get", "list");
		// The defaults: no Ingress, no PVC (emptyDir for checkpoints, which NOTES warns about), a PDB of 1.
		assertThat(chart.all(Ingress.class)).isEmpty();
		assertThat(chart.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
	}

	@Test
	void aMissingSecretReferenceOrASingleReplicaWithABudgetIsRefusedNamingTheValue() {
		assertThatThrownBy(() -> template().set("database.password.secretName", "").call())
			.hasMessageContaining("SPRING_DATASOURCE_PASSWORD: a Secret name is required");
		assertThatThrownBy(() -> template().set("replicaCount", 1).call())
			.hasMessageContaining("podDisruptionBudget.enabled needs replicaCount >= 2");
		assertThat(render(template().set("replicaCount", 1).set("podDisruptionBudget.enabled", false))
			.all(PodDisruptionBudget.class)).isEmpty();
	}

	@Test
	void valuesOutsideTheChartsSchemaAreRefusedNamingTheValue() {
		// values.schema.json: Helm checks the values against it before rendering anything.
		assertThatThrownBy(() -> template().set("inCluster.platform", "OPENSHIFT").call())
			.hasMessageContaining("inCluster").hasMessageContaining("platform").hasMessageContaining("AKS_HCI");
		assertThatThrownBy(() -> template().set("database.url", "jdbc:h2:file:./data/gmsa-portal").call())
			.hasMessageContaining("database").hasMessageContaining("url");
		assertThatThrownBy(() -> template().set("directories.corp.domain", "corp.example").call())
			.hasMessageContaining("urls");
	}

	private TemplateCommand template() {
		// Helm's default (1.20) is below the chart's kubeVersion; 1.30 is a version the chart supports.
		return this.helm.template().withName("portal").withNamespace("gmsa-portal").withKubeVersion("1.30.0");
	}

	private static Rendered render(TemplateCommand command) {
		return new Rendered(Serialization.unmarshal(command.call()));
	}

	private static String secretRef(Map<String, EnvVar> env, String name) {
		EnvVar variable = env.get(name);
		assertThat(variable).as(name).isNotNull();
		var ref = variable.getValueFrom().getSecretKeyRef();
		return ref.getName() + "/" + ref.getKey();
	}

	private static List<String> verbs(List<PolicyRule> rules, String group, String resource) {
		return rules.stream().filter(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource))
			.flatMap(r -> r.getVerbs().stream()).distinct().toList();
	}

	private static List<Error> errors(String schemaName, HasMetadata object) {
		try (InputStream in = HelmChartTests.class.getResourceAsStream(schemaName)) {
			Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
				.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
			return schema.validate(Serialization.asJson(object), InputFormat.JSON);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The objects {@code helm template} rendered, as fabric8's typed model. */
	private record Rendered(List<HasMetadata> objects) {

		<T extends HasMetadata> List<T> all(Class<T> type) {
			return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
		}

		<T extends HasMetadata> T one(Class<T> type) {
			List<T> found = all(type);
			assertThat(found).as(type.getSimpleName()).hasSize(1);
			return found.get(0);
		}

	}

}
