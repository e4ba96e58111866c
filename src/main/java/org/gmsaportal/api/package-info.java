/**
 * The REST API for ticketing systems: API clients with scoped bearer tokens, their authentication, and the v1 endpoints.
 */
@NullMarked
package org.gmsaportal.api;

import org.jspecify.annotations.NullMarked;
