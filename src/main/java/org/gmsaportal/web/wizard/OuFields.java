package org.gmsaportal.web.wizard;

import java.io.Serializable;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.gmsaportal.provisioning.Placement;
import org.jspecify.annotations.Nullable;

/**
 * The OUs typed on the identity page (and in plan-only mode) for the group, the gMSA and the portable user; empty
 * means the directory connection's default. The engine checks that each is a DN, the plan that it exists.
 */
public class OuFields implements Serializable {

	private static final long serialVersionUID = 1L;

	private static final String NO_CONTROL = "[^\\p{Cntrl}]*";

	@Size(max = 512, message = "{wizard.ou.size}")
	@Pattern(regexp = NO_CONTROL, message = "{wizard.ou.pattern}")
	private @Nullable String groupOu = "";

	@Size(max = 512, message = "{wizard.ou.size}")
	@Pattern(regexp = NO_CONTROL, message = "{wizard.ou.pattern}")
	private @Nullable String gmsaOu = "";

	@Size(max = 512, message = "{wizard.ou.size}")
	@Pattern(regexp = NO_CONTROL, message = "{wizard.ou.pattern}")
	private @Nullable String userOu = "";

	/** The engine's placement; blank fields are the defaults. */
	Placement placement() {
		return new Placement(this.groupOu, this.gmsaOu, this.userOu);
	}

	public @Nullable String getGroupOu() {
		return this.groupOu;
	}

	public void setGroupOu(@Nullable String groupOu) {
		this.groupOu = groupOu;
	}

	public @Nullable String getGmsaOu() {
		return this.gmsaOu;
	}

	public void setGmsaOu(@Nullable String gmsaOu) {
		this.gmsaOu = gmsaOu;
	}

	public @Nullable String getUserOu() {
		return this.userOu;
	}

	public void setUserOu(@Nullable String userOu) {
		this.userOu = userOu;
	}

}
