/**
 * API-filed requests in the browser: the list, one request with its plan, run and callbacks, and an ADMIN's decision.
 */
@NullMarked
package org.gmsaportal.web.requests;

import org.jspecify.annotations.NullMarked;
