package org.gmsaportal.secretstores;

import org.gmsaportal.credspec.HostAccountPreset;
import org.jspecify.annotations.Nullable;

/**
 * Where one portable identity goes: the plug-in preset names the store and the secret.
 *
 * @param preset the plug-in preset of the request (its {@code PluginInput} names vault and secret, ARN, or
 * namespace and Secret)
 * @param clusterConnection the cluster connection holding a Kubernetes Secret; {@code null} for cloud stores
 * @param runId the run writing it, recorded with the secret as the portal's marker
 */
public record SecretDestination(HostAccountPreset preset, @Nullable String clusterConnection, String runId) {

}
