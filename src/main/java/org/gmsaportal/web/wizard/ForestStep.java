package org.gmsaportal.web.wizard;

import java.io.Serializable;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.gmsaportal.directory.KdsRootKeyChoice;
import org.jspecify.annotations.Nullable;

/**
 * Step 2: what to do about the forest's KDS root key; the lab shortcut needs an explicit confirmation.
 */
public class ForestStep implements Serializable {

	private static final long serialVersionUID = 1L;

	@NotNull(message = "{wizard.kds.required}")
	private @Nullable KdsRootKeyChoice kdsRootKey = KdsRootKeyChoice.USE_EXISTING;

	private boolean labConfirmed;

	@AssertTrue(message = "{wizard.kds.labConfirmed}")
	public boolean isLabChoiceConfirmed() {
		return this.kdsRootKey != KdsRootKeyChoice.CREATE_LAB || this.labConfirmed;
	}

	public @Nullable KdsRootKeyChoice getKdsRootKey() {
		return this.kdsRootKey;
	}

	public void setKdsRootKey(@Nullable KdsRootKeyChoice kdsRootKey) {
		this.kdsRootKey = kdsRootKey;
	}

	public boolean isLabConfirmed() {
		return this.labConfirmed;
	}

	public void setLabConfirmed(boolean labConfirmed) {
		this.labConfirmed = labConfirmed;
	}

}
