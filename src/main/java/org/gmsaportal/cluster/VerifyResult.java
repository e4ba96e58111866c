package org.gmsaportal.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How verifying the sample workload ended.
 *
 * @param outcome verified, Kerberos failure, or pod never ready
 * @param explanation what happened and what to do
 * @param podEvents the events of the pod (and its ReplicaSet) when it did not start, newest last
 * @param nltest the {@code nltest} check, when it ran
 * @param klist the {@code klist} check, when it ran
 */
public record VerifyResult(Outcome outcome, String explanation, List<String> podEvents, @Nullable CommandCheck nltest,
		@Nullable CommandCheck klist) {

	public VerifyResult {
		podEvents = List.copyOf(podEvents);
	}

	/** How a verification ended. */
	public enum Outcome {

		VERIFIED, KERBEROS_FAILED, POD_NOT_READY

	}

}
