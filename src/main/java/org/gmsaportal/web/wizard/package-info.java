/**
 * The provisioning wizard: one form per step, kept in the session and saved as a per-user draft until the admin approves the plan.
 */
@NullMarked
package org.gmsaportal.web.wizard;

import org.jspecify.annotations.NullMarked;
