package org.gmsaportal.cluster;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a Kubernetes label selector against a set of labels, the way the API server does.
 */
final class LabelSelectors {

	private LabelSelectors() {
	}

	/** An absent or empty selector matches everything. */
	static boolean matches(@Nullable LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return true;
		}
		if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
			.allMatch((e) -> e.getValue().equals(labels.get(e.getKey())))) {
			return false;
		}
		List<LabelSelectorRequirement> expressions = (selector.getMatchExpressions() != null)
				? selector.getMatchExpressions() : List.of();
		return expressions.stream().allMatch((r) -> matches(r, labels));
	}

	private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
		String value = labels.get(requirement.getKey());
		List<String> values = (requirement.getValues() != null) ? requirement.getValues() : List.of();
		return switch (requirement.getOperator()) {
			case "In" -> value != null && values.contains(value);
			case "NotIn" -> value == null || !values.contains(value);
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			default -> false;
		};
	}

}
