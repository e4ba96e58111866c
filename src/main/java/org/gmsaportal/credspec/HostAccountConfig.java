package org.gmsaportal.credspec;

/**
 * The {@code HostAccountConfig} section: the ccg.exe plug-in a host that is not domain-joined uses to fetch the
 * portable identity. The plug-in input is not a secret for the known plug-ins, but some custom plug-ins put a
 * password in it, so callers show it only where the plug-in is known.
 *
 * @param portableCcgVersion always {@code "1"}
 * @param pluginGuid the plug-in's COM CLSID in braces
 * @param pluginInput the plug-in specific input string
 */
public record HostAccountConfig(String portableCcgVersion, String pluginGuid, String pluginInput) {

	/** The only {@code PortableCcgVersion} ccg.exe accepts. */
	public static final String PORTABLE_CCG_VERSION = "1";

	@Override
	public String toString() {
		return "HostAccountConfig[portableCcgVersion=" + this.portableCcgVersion + ", pluginGuid=" + this.pluginGuid
				+ ", pluginInput=" + KnownPlugin.byGuid(this.pluginGuid).map((plugin) -> this.pluginInput)
					.orElse("(" + this.pluginInput.length() + " characters, not shown)")
				+ "]";
	}

}
