package org.gmsaportal.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Where the run creates its directory objects: the distinguished name of an OU (or container) for each. An empty
 * one means the directory connection's default ({@code gmsa.directory.connections.<name>.ou.*}), else the
 * directory's own default container ({@code CN=Users}, {@code CN=Managed Service Accounts}). The plan fills in
 * every one, so an approved plan names exactly where each object goes.
 *
 * @param groupOu the allowed-hosts group's OU
 * @param gmsaOu the gMSA's OU
 * @param userOu the portable user's OU; only for portable hosts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Placement(@Nullable String groupOu, @Nullable String gmsaOu, @Nullable String userOu) {

	public Placement {
		groupOu = blankToNull(groupOu);
		gmsaOu = blankToNull(gmsaOu);
		userOu = blankToNull(userOu);
	}

	/** No OU named: every object goes to its default place. */
	public static Placement defaults() {
		return new Placement(null, null, null);
	}

	boolean isDefault() {
		return this.groupOu == null && this.gmsaOu == null && this.userOu == null;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
