/**
 * The browser front door: layout, sign-in page, navigation sections, the audit pages and error pages.
 */
@NullMarked
package org.gmsaportal.web;

import org.jspecify.annotations.NullMarked;
