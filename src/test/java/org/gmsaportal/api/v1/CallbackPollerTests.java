package org.gmsaportal.api.v1;

/**
 * {@link CallbackPollerContract} on the tests' in-memory H2.
 */
class CallbackPollerTests extends CallbackPollerContract {

}
