/**
 * Who may use the portal: sign-in (local bootstrap admin, AD users), roles, throttling and audit of it all.
 */
@NullMarked
package org.gmsaportal.security;

import org.jspecify.annotations.NullMarked;
