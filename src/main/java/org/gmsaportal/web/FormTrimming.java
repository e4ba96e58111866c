package org.gmsaportal.web;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Trims what is typed into the browser's forms before it is bound and validated, as the SPN lines always were:
 * " web01 " is the name web01, not a name that breaks the character rule. Empty stays empty (not null), so a
 * required field still gets its one "is required". Sign-in is not bound here (Spring Security reads it), so a
 * password is never trimmed.
 */
@ControllerAdvice(basePackages = "org.gmsaportal.web")
class FormTrimming {

	@InitBinder
	void trimStrings(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(false));
	}

}
