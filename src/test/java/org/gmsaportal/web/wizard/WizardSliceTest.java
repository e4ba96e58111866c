package org.gmsaportal.web.wizard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.provisioning.ProvisioningService;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The slice of the wizard's form pages ({@link WizardController}): the draft store, the engine and the live checks
 * are mocks, so a test sees the controller's decisions; a test that stubs or verifies one of them takes it as an
 * {@code @Autowired} field. One declaration for every such test, so they also share one cached context.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so the auditor's refusal is the portal's own rule; only its sign-in manager and audit trail are mocks.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(controllers = WizardController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
@MockitoBean(types = { WizardDraftRepository.class, LiveChecks.class, ProvisioningService.class,
		WizardLiveChecks.class, WizardBlockers.class, AuthenticationManager.class, AuditTrail.class })
@interface WizardSliceTest {

}
