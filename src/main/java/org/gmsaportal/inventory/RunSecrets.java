package org.gmsaportal.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.gmsaportal.cluster.ClusterObject;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunView;
import org.gmsaportal.provisioning.StepKind;
import org.gmsaportal.provisioning.StepState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * {@link RecordedSecrets} from the run's succeeded steps: the Secret objects its cluster apply recorded, and the
 * target of its store write when that names a Kubernetes Secret ({@code namespace/name}; a Key Vault URI, an ARN or
 * a custom plug-in's target does not have that form). Reads the database only.
 */
@Component
class RunSecrets implements RecordedSecrets {

	// namespace and name as Kubernetes allows them: lower-case DNS labels and subdomains.
	private static final Pattern NAMESPACED = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-.a-z0-9]*[a-z0-9])?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProvisioningService provisioning;

	RunSecrets(ProvisioningService provisioning) {
		this.provisioning = provisioning;
	}

	@Override
	public List<String> of(String runId) {
		List<String> secrets = new ArrayList<>();
		for (RunView.StepView step : this.provisioning.run(runId).map(RunView::steps).orElse(List.of())) {
			if (step.state() != StepState.SUCCEEDED) {
				continue;
			}
			if (step.kind() == StepKind.APPLY_TO_CLUSTER && step.artifact() != null) {
				for (ClusterObject object : objects(step.artifact())) {
					if ("Secret".equals(object.kind()) && object.namespace() != null) {
						secrets.add(object.namespace() + "/" + object.name());
					}
				}
			}
			if (step.kind() == StepKind.WRITE_PORTABLE_SECRET && NAMESPACED.matcher(step.target()).matches()) {
				secrets.add(step.target());
			}
		}
		return secrets.stream().distinct().toList();
	}

	private static List<ClusterObject> objects(String artifact) {
		try {
			return List.of(JSON.readValue(artifact, ClusterObject[].class));
		}
		catch (JacksonException ex) {
			// An artifact of an older form names no Secret the assessor could check.
			return List.of();
		}
	}

}
