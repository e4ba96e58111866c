/**
 * The Azure Key Vault secret store: writes the portable identity where the Azure Key Vault ccg.exe plug-in (AKS)
 * reads it, with the official Azure SDK and credentials from the environment or files, never the database.
 */
@NullMarked
package org.gmsaportal.secretstores.azure;

import org.jspecify.annotations.NullMarked;
