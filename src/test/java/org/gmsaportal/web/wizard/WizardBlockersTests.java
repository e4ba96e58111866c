package org.gmsaportal.web.wizard;

import java.util.List;

import org.gmsaportal.provisioning.Blocker;
import org.gmsaportal.provisioning.LiveChecks;
import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The identity page's early blockers: a further gMSA the plan blocks (missing, or not retrievable by the same
 * hosts) is shown on the further-gMSAs field with the plan's words. The plan is a mock here; the
 * AdditionalAccounts check itself is tested against the lab DC in the provisioning module.
 */
class WizardBlockersTests {

	@Test
	void aFurtherGmsaThePlanBlocksIsAnErrorOnTheFurtherGmsasField() {
		LiveChecks live = mock(LiveChecks.class);
		String why = "gMSA ReportSvc does not exist in contoso.com: create it first or remove it from the list";
		given(live.identityBlockers(any())).willReturn(List.of(new Blocker("additionalAccounts[1]", why, null, null)));
		WizardState wizard = WizardDrafts.atCluster("");
		wizard.getIdentity().setAdditionalAccounts("SqlSvc01\nReportSvc");
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(wizard.getIdentity(), "form");
		new WizardBlockers(live).check(wizard, errors);
		assertThat(errors.getFieldErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getField()).isEqualTo("additionalAccounts");
			assertThat(error.getDefaultMessage()).isEqualTo(why);
		});
	}

}
