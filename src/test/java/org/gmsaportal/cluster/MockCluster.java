package org.gmsaportal.cluster;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
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

/**
 * A fabric8 mock API server in CRUD mode that also accepts server-side apply, with expectations taking
 * precedence (as in fabric8's own mixed mode) for answers CRUD cannot give, like SubjectAccessReviews.
 * Public for the end-to-end tests of other modules; a real API server cannot run on these machines.
 */
public final class MockCluster implements AutoCloseable {

	public final KubernetesMockServer server;

	public final KubernetesClient client;

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
		try (InputStream in = MockCluster.class.getResourceAsStream(resource)) {
			for (HasMetadata object : this.client.load(in).items()) {
				ServerSideApplier.resource(this.client, object).create();
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	@Override
	public void close() {
		this.client.close();
		this.server.destroy();
	}

}
