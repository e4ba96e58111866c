/**
 * The API clients pages: ADMINs create, revoke and mark API clients auto-approve, AUDITORs see the list.
 */
@NullMarked
package org.gmsaportal.web.clients;

import org.jspecify.annotations.NullMarked;
