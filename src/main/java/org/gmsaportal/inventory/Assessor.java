package org.gmsaportal.inventory;

import java.util.List;

/**
 * One family of rules over a refresh's data. Each is a Spring bean; the inventory runs them all and keeps what they
 * say in the snapshot (the directory rules and the cluster rules are separate assessors).
 */
public interface Assessor {

	List<Finding> findings(InventoryData data);

	List<Drift> drift(InventoryData data);

}
