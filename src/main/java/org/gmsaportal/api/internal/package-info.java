/**
 * Token and secret cryptography of the API module: token generation and hashing, AES-GCM for signing secrets.
 */
@NullMarked
package org.gmsaportal.api.internal;

import org.jspecify.annotations.NullMarked;
