/**
 * The runs pages: list, detail with live progress, audit events and artifacts, and the admin's resume, abandon and decommission.
 */
@NullMarked
package org.gmsaportal.web.runs;

import org.jspecify.annotations.NullMarked;
