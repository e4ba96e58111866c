package org.gmsaportal.audit;

/**
 * Who acted: a signed-in person, a ticketing system's API client, or the portal itself.
 */
public enum ActorKind {

	PERSON, API_CLIENT, SYSTEM

}
