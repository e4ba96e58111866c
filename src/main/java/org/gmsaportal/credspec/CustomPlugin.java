package org.gmsaportal.credspec;

import java.util.Optional;

/**
 * Any other ccg.exe plug-in, given by CLSID and input string. The input is held as a secret because some
 * plug-ins take a password in it (Microsoft's own example is {@code contoso.com:gmsaccg:<password>}).
 *
 * @param pluginGuid the plug-in's CLSID in braces
 * @param input the plug-in input, redacted in {@code toString()}
 */
public record CustomPlugin(String pluginGuid, SecretValue input) implements HostAccountPreset {

	public CustomPlugin {
		if (!InputRules.isClsid(pluginGuid)) {
			throw new InvalidCredentialSpecInputException("PluginGUID",
					"must be a COM CLSID: 32 hex digits 8-4-4-4-12 in braces, e.g. {CCC2A336-D7F3-4818-A213-272B7924213E}", pluginGuid);
		}
		if (KnownPlugin.isDocumentationPlaceholder(pluginGuid)) {
			throw new InvalidCredentialSpecInputException("PluginGUID",
					"is a placeholder from Microsoft's documentation, not a plug-in; use your plug-in's CLSID");
		}
		KnownPlugin.byGuid(pluginGuid).ifPresent((known) -> {
			throw new InvalidCredentialSpecInputException("PluginGUID",
					"is the CLSID of the " + known.displayName() + "; choose that preset so its input is checked");
		});
		if (input.reveal().isBlank()) {
			throw new InvalidCredentialSpecInputException("PluginInput", "must not be blank");
		}
	}

	/**
	 * Builds the preset from form input; a CLSID without braces gets them, since CCG ignores a bare one.
	 * @throws InvalidCredentialSpecInputException naming {@code PluginGUID} or {@code PluginInput} and the rule
	 */
	public static CustomPlugin of(String pluginGuid, String pluginInput) {
		String clsid = InputRules.isGuid(pluginGuid) ? "{" + pluginGuid + "}" : pluginGuid;
		if (pluginInput.isEmpty()) {
			throw new InvalidCredentialSpecInputException("PluginInput", "must not be blank");
		}
		return new CustomPlugin(clsid, SecretValue.of(pluginInput));
	}

	@Override
	public String pluginInput() {
		return this.input.reveal();
	}

	@Override
	public String describe() {
		return "A custom plug-in " + this.pluginGuid + " fetches the portable identity; its input ("
				+ this.input.length() + " characters) is not shown because it may contain a password.";
	}

	@Override
	public Optional<PortableIdentitySecret> secretFor(PortableIdentity identity) {
		return Optional.empty();
	}

	@Override
	public PortableIdentity identityFrom(PortableIdentitySecret secret) {
		throw new InvalidCredentialSpecInputException("PluginGUID",
				"is a custom plug-in whose secret format the portal does not know, so it cannot read the identity back");
	}

}
