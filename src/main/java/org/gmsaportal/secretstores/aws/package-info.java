/**
 * The AWS Secrets Manager store of the AWS ccg.exe plug-in: the secret its {@code credentialArn} names, written and
 * read through the AWS SDK for Java v2 with the default credential chain.
 */
@NullMarked
package org.gmsaportal.secretstores.aws;

import org.jspecify.annotations.NullMarked;
