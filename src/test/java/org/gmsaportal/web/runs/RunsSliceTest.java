package org.gmsaportal.web.runs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.gmsaportal.audit.AuditLog;
import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.inventory.Inventory;
import org.gmsaportal.provisioning.PortableRotations;
import org.gmsaportal.provisioning.ProvisioningService;
import org.gmsaportal.provisioning.RunTimes;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The slice of the run pages ({@link RunsController}): the engine, the rotations, the run times, the inventory and the audit log are mocks; a test
 * that stubs or verifies one takes it as an {@code @Autowired} field. One declaration for every such test, so they
 * also share one cached context. The browser's real {@code SecurityConfig} is in the slice (matched by name: it is
 * package-private in the security module); only its sign-in manager and audit trail are mocks.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(controllers = RunsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
@MockitoBean(types = { ProvisioningService.class, PortableRotations.class, RunTimes.class,
		Inventory.class, AuditLog.class, AuthenticationManager.class, AuditTrail.class })
@interface RunsSliceTest {

}
