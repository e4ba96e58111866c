package org.gmsaportal.callbacks;

/**
 * {@link CallbackPollerContract} on the tests' in-memory H2.
 */
class CallbackPollerTests extends CallbackPollerContract {

}
