/**
 * Version 1 of the REST API: its controllers and the problem-details advice that covers exactly them.
 */
@NullMarked
package org.gmsaportal.api.v1;

import org.jspecify.annotations.NullMarked;
