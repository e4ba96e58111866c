package org.gmsaportal.directory;

import java.util.List;

/**
 * The read-only face the inventory uses: what the directory holds now, whoever made it. Nothing here writes.
 */
public interface DirectoryInventory {

	/**
	 * Reads every gMSA of the connection's domain (paged), resolves who may retrieve each password (nested groups
	 * expanded, cycles cut), the forest's KDS root keys, and the named users.
	 * @param connection the directory connection
	 * @param userNames users to read as well (the portal's portable users); missing ones are left out
	 */
	DirectoryListing read(String connection, List<String> userNames);

}
