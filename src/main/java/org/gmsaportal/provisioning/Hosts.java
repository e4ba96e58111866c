package org.gmsaportal.provisioning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.gmsaportal.credspec.HostAccountConfig;
import org.gmsaportal.credspec.HostAccountPreset;

/**
 * How the Windows nodes get the gMSA password: as domain members, or through a ccg.exe plug-in and a portable
 * user.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
@JsonSubTypes({ @JsonSubTypes.Type(value = Hosts.DomainJoined.class, name = "domain-joined"),
		@JsonSubTypes.Type(value = Hosts.Portable.class, name = "portable") })
public sealed interface Hosts {

	/**
	 * Domain-joined nodes: their computer accounts join the allowed group.
	 *
	 * @param computerAccounts sAMAccountNames of the nodes' computer accounts ({@code NODE1$}); may be empty
	 * when the group already holds them
	 */
	record DomainJoined(List<String> computerAccounts) implements Hosts {

		public DomainJoined {
			computerAccounts = List.copyOf(computerAccounts);
		}

	}

	/**
	 * Nodes that are not domain-joined: a portable standard user (generated password) joins the allowed group
	 * and a ccg.exe plug-in reads its credential from a secret store.
	 *
	 * @param userName the portable user's sAMAccountName
	 * @param pluginGuid CLSID of a known plug-in (Azure Key Vault, AWS, Kubernetes secret)
	 * @param pluginInput the plug-in's {@code PluginInput}, e.g. {@code namespace:secret} for Kubernetes
	 */
	record Portable(String userName, String pluginGuid, String pluginInput) implements Hosts {

		/**
		 * The plug-in the credential spec's HostAccountConfig names, as the credspec module reads it.
		 * @throws org.gmsaportal.credspec.InvalidCredentialSpecInputException naming {@code PluginGUID} or
		 * {@code PluginInput} and the rule
		 */
		public HostAccountPreset preset() {
			return HostAccountPreset.from(new HostAccountConfig(HostAccountConfig.PORTABLE_CCG_VERSION, pluginGuid,
					pluginInput));
		}

	}

}
