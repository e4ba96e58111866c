package org.gmsaportal.web;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Strips the white space around what is typed into the browser's forms before it is bound and validated, as the
 * SPN lines always were: " web01 " is the name web01, not a name that breaks the character rule. Only white space
 * ({@link String#strip()}): a control character stays and is refused by its field's rule. Empty stays empty (not
 * null), so a required field still gets its one "is required". Sign-in is not bound here (Spring Security reads
 * it), so a password is never changed.
 */
@ControllerAdvice(basePackages = "org.gmsaportal.web")
class FormTrimming {

	@InitBinder
	void stripStrings(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				setValue(text.strip());
			}

		});
	}

}
