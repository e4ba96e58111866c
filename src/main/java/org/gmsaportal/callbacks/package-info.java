/**
 * Signed status callbacks to the ticketing systems that filed requests, driven by run and request events.
 */
@NullMarked
package org.gmsaportal.callbacks;

import org.jspecify.annotations.NullMarked;
