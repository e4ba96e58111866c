/**
 * The REST API for ticketing systems: the v1 endpoints, the scope each one needs, and its problem-detail answers.
 */
@NullMarked
package org.gmsaportal.api;

import org.jspecify.annotations.NullMarked;
