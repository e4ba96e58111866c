package org.gmsaportal.inventory;

/**
 * {@link InventoryServiceContract} on the tests' in-memory H2.
 */
class InventoryServiceTests extends InventoryServiceContract {

}
