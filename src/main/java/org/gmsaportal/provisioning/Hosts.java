package org.gmsaportal.provisioning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.gmsaportal.credspec.HostAccountConfig;
import org.gmsaportal.credspec.HostAccountPreset;
import org.gmsaportal.credspec.PluginPreset;
import org.jspecify.annotations.Nullable;

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
	 * @param delivery whether the run writes the store or a person does; {@code null} (left out of the JSON, so
	 * requests stored before it existed keep their plan hash) means a person does
	 * @param plugin the preset the request chose; {@code null} (left out of the JSON) goes by the CLSID. Needed
	 * for {@link PluginPreset#AKS_HCI_SECRET}, whose CLSID the admin supplies.
	 */
	record Portable(String userName, String pluginGuid, String pluginInput,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable SecretDelivery delivery,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable PluginPreset plugin) implements Hosts {

		/** A portable user whose secret a person stores by hand (requests filed before delivery existed). */
		public Portable(String userName, String pluginGuid, String pluginInput) {
			this(userName, pluginGuid, pluginInput, null, null);
		}

		/** A portable user whose plug-in is known by its CLSID. */
		public Portable(String userName, String pluginGuid, String pluginInput, @Nullable SecretDelivery delivery) {
			this(userName, pluginGuid, pluginInput, delivery, null);
		}

		/** How the portable identity reaches the plug-in's store; {@link SecretDelivery#MANUAL} when not given. */
		public SecretDelivery secretDelivery() {
			return (this.delivery != null) ? this.delivery : SecretDelivery.MANUAL;
		}

		/**
		 * The plug-in the credential spec's HostAccountConfig names, as the credspec module reads it.
		 * @throws org.gmsaportal.credspec.InvalidCredentialSpecInputException naming {@code PluginGUID} or
		 * {@code PluginInput} and the rule
		 */
		public HostAccountPreset preset() {
			return HostAccountPreset.from(new HostAccountConfig(HostAccountConfig.PORTABLE_CCG_VERSION, pluginGuid,
					pluginInput), plugin);
		}

	}

}
