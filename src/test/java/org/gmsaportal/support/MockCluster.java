package org.gmsaportal.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import org.jspecify.annotations.Nullable;

/**
 * A fabric8 mock API server in CRUD mode that also accepts server-side apply, with expectations taking
 * precedence (as in fabric8's own mixed mode) for answers CRUD cannot give, like SubjectAccessReviews.
 * Public for the end-to-end tests of other modules; a real API server cannot run on these machines.
 */
public final class MockCluster implements AutoCloseable {

	/** Where the YAML resources of {@link #with(String)} live: beside the cluster module's tests. */
	private static final String RESOURCES = "/org/gmsaportal/cluster/";

	private static final String GMSA_GROUP = "windows.k8s.io";

	private static final String GMSA_KIND = "GMSACredentialSpec";

	private static final String GMSA_PLURAL = "gmsacredentialspecs";

	public final KubernetesMockServer server;

	public final KubernetesClient client;

	private @Nullable Path kubeconfig;

	private MockCluster(KubernetesMockServer server) {
		this.server = server;
		this.client = server.createClient();
	}

	public static MockCluster start() {
		Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
		MockDispatcher expectations = new MockDispatcher(responses);
		ServerSideApplyCrudDispatcher crud = new ServerSideApplyCrudDispatcher();
		Dispatcher dispatcher = new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				Queue<ServerResponse> queue = responses
					.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
				return (queue != null && !queue.isEmpty()) ? expectations.dispatch(request) : crud.dispatch(request);
			}
		};
		KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
				new MockWebServer(), responses, dispatcher, true);
		server.init();
		return new MockCluster(server);
	}

	/** Creates the objects of a YAML resource under {@code org/gmsaportal/cluster/}. */
	public MockCluster with(String resource) {
		try (InputStream in = MockCluster.class.getResourceAsStream(RESOURCES + resource)) {
			for (HasMetadata object : this.client.load(in).items()) {
				try {
					resource(object).create();
				}
				catch (io.fabric8.kubernetes.client.KubernetesClientException ex) {
					// on a loaded machine the client retries a POST that timed out, and the retry finds it made
					if (ex.getCode() != 409) {
						throw ex;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	/**
	 * The object's resource as the cluster module's {@code ServerSideApplier.resource} addresses it: a
	 * GMSACredentialSpec (generic, as the YAML loader reads it) by the CRD's group, plural and version, any other
	 * object as fabric8 knows it. Repeated here because that one is package-private in the cluster module.
	 */
	@SuppressWarnings("unchecked")
	private Resource<HasMetadata> resource(HasMetadata object) {
		if (object instanceof GenericKubernetesResource generic && GMSA_KIND.equals(generic.getKind())) {
			String version = generic.getApiVersion().substring(generic.getApiVersion().indexOf('/') + 1);
			ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(GMSA_GROUP)
				.withVersion(version)
				.withKind(GMSA_KIND)
				.withPlural(GMSA_PLURAL)
				.withNamespaced(false)
				.build();
			return (Resource<HasMetadata>) (Resource<?>) this.client.genericKubernetesResources(context).resource(generic);
		}
		return (Resource<HasMetadata>) (Resource<?>) this.client.resource(object);
	}

	/** What a cluster ready for gMSA workloads has: the GMSACredentialSpec CRD, its webhooks, Windows nodes, CoreDNS. */
	public MockCluster withGmsaSupport() {
		return with("gmsa-crd.yaml").with("gmsa-webhook.yaml").with("nodes.yaml").with("coredns.yaml");
	}

	/** Answers every SubjectAccessReview (which CRUD mode cannot) with {@code allowed}. */
	public MockCluster answerAccessReviews(boolean allowed) {
		this.server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
			.andReturn(201, new SubjectAccessReviewBuilder().withNewStatus().withAllowed(allowed).endStatus().build())
			.always();
		return this;
	}

	/**
	 * Writes a kubeconfig (context {@code mock}) that points at this server, for the portal's cluster
	 * connection settings; the file is deleted on {@link #close()}.
	 */
	public Path kubeconfig() {
		try {
			if (this.kubeconfig == null) {
				this.kubeconfig = Files.createTempFile("gmsa-mock", ".kubeconfig");
				Files.writeString(this.kubeconfig, """
						apiVersion: v1
						kind: Config
						clusters:
						- name: mock
						  cluster: {server: "%s", insecure-skip-tls-verify: true}
						users:
						- name: portal
						  user: {token: mock-token}
						contexts:
						- name: mock
						  context: {cluster: mock, user: portal}
						current-context: mock
						""".formatted(this.client.getMasterUrl()));
			}
			return this.kubeconfig;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.client.close();
		this.server.destroy();
		try {
			if (this.kubeconfig != null) {
				Files.deleteIfExists(this.kubeconfig);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
