package org.gmsaportal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;

/**
 * Lists in pages ({@code limit} and {@code continue}), so that a large cluster answers in bounded chunks rather
 * than one response holding every Pod of every namespace.
 */
final class Pages {

	static final long PAGE_SIZE = 500;

	private Pages() {
	}

	static <T extends HasMetadata> List<T> all(Function<ListOptions, ? extends KubernetesResourceList<T>> list) {
		List<T> items = new ArrayList<>();
		String next = null;
		do {
			KubernetesResourceList<T> page = list
				.apply(new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(next).build());
			items.addAll(page.getItems());
			next = (page.getMetadata() != null) ? page.getMetadata().getContinue() : null;
		}
		while (next != null && !next.isEmpty());
		return items;
	}

}
