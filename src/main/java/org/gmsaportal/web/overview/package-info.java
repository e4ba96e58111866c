/**
 * The overview, the landing page: what needs attention now, the last runs and each connection's health, each
 * linking to where to act; read from the portal's database and the wizard's cached status, never a directory or a
 * cluster.
 */
@NullMarked
package org.gmsaportal.web.overview;

import org.jspecify.annotations.NullMarked;
