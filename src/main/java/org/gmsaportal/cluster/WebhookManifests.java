package org.gmsaportal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The windows-gmsa admission webhook's objects, written in this project after kubernetes-sigs/windows-gmsa
 * {@code admission-webhook/deploy/gmsa-webhook.yml.tpl} (what deploy-gmsa-webhook.sh applies) and the v0.13.0
 * chart ({@code charts/gmsa/templates}): paths /mutate and /validate, pods CREATE (and UPDATE for validation),
 * failurePolicy Fail, sideEffects None, the namespaceSelector skipping {@code gmsa-webhook=disabled}, the TLS
 * Secret mounted at /tls, {@code --cert-reload} so a renewed certificate needs no restart (upstream PR #141).
 * The CRD is {@link WebhookCrd}'s. Every object carries the portal's labels, which decommission checks.
 */
final class WebhookManifests {

	/** The webhook name both upstream configurations use; the preflight finds gMSA webhooks by it. */
	static final String WEBHOOK = "admission-webhook.windows-gmsa.sigs.k8s.io";

	/** Marks the objects of the portal's webhook install, so decommission finds them and nothing else. */
	static final String COMPONENT = "gmsaportal.org/component";

	static final String COMPONENT_VALUE = "gmsa-webhook";

	/** The label upstream's namespaceSelector excludes; the webhook's own namespace carries it. */
	static final String DISABLED_LABEL = "gmsa-webhook";

	static final String CERT_MANAGER_API = "cert-manager.io/v1";

	private WebhookManifests() {
	}

	/**
	 * Where the serving certificate comes from: a CA and certificate the portal generated, or cert-manager.
	 *
	 * @param issued the generated certificate, or {@code null} when cert-manager issues it
	 */
	record Tls(WebhookCertificates.@Nullable Issued issued) {

		boolean certManager() {
			return this.issued == null;
		}

	}

	/** Every object except the CRD, in apply order: what the pods need before the webhooks point at them. */
	static List<HasMetadata> build(WebhookSettings settings, Tls tls) {
		List<HasMetadata> objects = new ArrayList<>();
		String ns = settings.namespace();
		String name = settings.name();
		objects.add(new NamespaceBuilder().withNewMetadata().withName(ns)
			.withLabels(labels(Map.of(DISABLED_LABEL, "disabled"))).endMetadata().build());
		objects.add(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels())
			.endMetadata().build());
		// The RBAC the webhook needs: read credspecs, ask whether a pod's service account may use one.
		objects.add(new ClusterRoleBuilder().withNewMetadata().withName(roleName(settings)).withLabels(labels())
			.endMetadata()
			.addNewRule().withApiGroups(GmsaCrd.GROUP).withResources(GmsaCrd.PLURAL).withVerbs("get").endRule()
			.addNewRule().withApiGroups("authorization.k8s.io").withResources("localsubjectaccessreviews")
			.withVerbs("create").endRule()
			.build());
		objects.add(new ClusterRoleBindingBuilder().withNewMetadata().withName(roleName(settings)).withLabels(labels())
			.endMetadata()
			.addNewSubject("", "ServiceAccount", name, ns)
			.withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", roleName(settings))
			.build());
		if (tls.certManager()) {
			objects.add(certManager("Issuer", settings, Map.of("selfSigned", Map.of())));
			objects.add(certManager("Certificate", settings, Map.of(
					"dnsNames", WebhookCertificates.dnsNames(name, ns).subList(2, 4),
					"issuerRef", Map.of("kind", "Issuer", "name", name),
					"secretName", settings.secretName(),
					"privateKey", Map.of("rotationPolicy", "Always"))));
		}
		else {
			objects.add(secret(settings, tls.issued()));
		}
		objects.add(deployment(settings));
		objects.add(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels())
			.endMetadata()
			.withNewSpec().addNewPort().withPort(443).withTargetPort(new IntOrString(443)).endPort()
			.addToSelector("app", name).endSpec()
			.build());
		String caBundle = tls.certManager() ? null : base64(tls.issued().caPem());
		objects.add(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(name).withLabels(labels())
			.withAnnotations(injection(settings, tls)).endMetadata()
			.addNewWebhook().withName(WEBHOOK).withClientConfig(client(settings, "/validate", caBundle))
			.withRules(pods("CREATE", "UPDATE")).withFailurePolicy("Fail").withSideEffects("None")
			.withAdmissionReviewVersions("v1", "v1beta1").withNamespaceSelector(notDisabled()).endWebhook()
			.build());
		objects.add(new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(name).withLabels(labels())
			.withAnnotations(injection(settings, tls)).endMetadata()
			.addNewWebhook().withName(WEBHOOK).withClientConfig(client(settings, "/mutate", caBundle))
			.withRules(pods("CREATE")).withFailurePolicy("Fail").withSideEffects("None")
			.withAdmissionReviewVersions("v1", "v1beta1").withNamespaceSelector(notDisabled()).endWebhook()
			.build());
		return objects;
	}

	/** The deploy script's ClusterRole name, {@code <ns>-<name>-rbac-role}. */
	static String roleName(WebhookSettings settings) {
		return settings.namespace() + "-" + settings.name() + "-rbac-role";
	}

	static Map<String, String> labels() {
		return labels(Map.of());
	}

	private static Map<String, String> labels(Map<String, String> extra) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(ClusterLabels.MANAGED_BY, ClusterLabels.PORTAL);
		labels.put(COMPONENT, COMPONENT_VALUE);
		labels.putAll(extra);
		return labels;
	}

	private static HasMetadata secret(WebhookSettings settings, WebhookCertificates.Issued issued) {
		// The chart's key names: what cert-manager writes too, so one Deployment serves both paths.
		Map<String, String> data = new LinkedHashMap<>();
		data.put("ca.crt", base64(issued.caPem()));
		data.put("tls.crt", base64(issued.certificatePem()));
		data.put("tls.key", base64(issued.privateKeyPem()));
		return new SecretBuilder().withNewMetadata().withName(settings.secretName()).withNamespace(settings.namespace())
			.withLabels(labels()).endMetadata()
			.withType("kubernetes.io/tls")
			.withData(data)
			.build();
	}

	private static HasMetadata deployment(WebhookSettings settings) {
		String name = settings.name();
		return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(settings.namespace())
			.withLabels(labels()).endMetadata()
			.withNewSpec().withReplicas(settings.replicas())
			.withNewSelector().addToMatchLabels("app", name).endSelector()
			.withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
			.withNewSpec().withServiceAccountName(name)
			// The webhook is a Linux binary: upstream pins it to Linux nodes.
			.addToNodeSelector("kubernetes.io/os", "linux")
			.addNewContainer().withName(name).withImage(settings.image()).withImagePullPolicy("IfNotPresent")
			.withArgs("--cert-reload=true")
			.withNewReadinessProbe().withNewHttpGet().withScheme("HTTPS").withPath("/health")
			.withPort(new IntOrString(443)).endHttpGet().endReadinessProbe()
			.addNewPort().withContainerPort(443).endPort()
			.addNewVolumeMount().withName("tls").withMountPath("/tls").withReadOnly(true).endVolumeMount()
			.addNewEnv().withName("TLS_KEY").withValue("/tls/key").endEnv()
			.addNewEnv().withName("TLS_CRT").withValue("/tls/crt").endEnv()
			.addNewEnv().withName("HTTPS_PORT").withValue("443").endEnv()
			.endContainer()
			.addNewVolume().withName("tls").withNewSecret().withSecretName(settings.secretName())
			.addNewItem().withKey("tls.key").withPath("key").endItem()
			.addNewItem().withKey("tls.crt").withPath("crt").endItem()
			.endSecret().endVolume()
			.endSpec().endTemplate().endSpec()
			.build();
	}

	private static HasMetadata certManager(String kind, WebhookSettings settings, Map<String, Object> spec) {
		return new GenericKubernetesResourceBuilder().withApiVersion(CERT_MANAGER_API).withKind(kind)
			.withNewMetadata().withName(settings.name()).withNamespace(settings.namespace()).withLabels(labels())
			.endMetadata()
			.addToAdditionalProperties("spec", spec)
			.build();
	}

	/** cert-manager's CA injector fills caBundle from the Certificate's Secret (chart: mutatingwebhook.yaml). */
	private static Map<String, String> injection(WebhookSettings settings, Tls tls) {
		return tls.certManager() ? Map.of("cert-manager.io/inject-ca-from", settings.namespace() + "/" + settings.name())
				: Map.of();
	}

	private static WebhookClientConfig client(WebhookSettings settings, String path, @Nullable String caBundle) {
		return new WebhookClientConfigBuilder().withNewService().withName(settings.name())
			.withNamespace(settings.namespace()).withPath(path).withPort(443).endService()
			.withCaBundle(caBundle)
			.build();
	}

	private static RuleWithOperations pods(String... operations) {
		return new RuleWithOperationsBuilder().withOperations(operations).withApiGroups("").withApiVersions("*")
			.withResources("pods").build();
	}

	private static LabelSelector notDisabled() {
		return new LabelSelectorBuilder().addNewMatchExpression().withKey(DISABLED_LABEL).withOperator("NotIn")
			.withValues("disabled").endMatchExpression().build();
	}

	static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
