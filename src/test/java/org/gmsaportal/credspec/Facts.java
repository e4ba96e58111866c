package org.gmsaportal.credspec;

/**
 * Fixed domain facts used by the golden tests: the documented contoso.com example and a child domain.
 */
final class Facts {

	/** The facts behind Microsoft's documented credspec example. */
	static final DomainIdentity CONTOSO = DomainIdentity.of("contoso.com", "CONTOSO", "contoso.com",
			"S-1-5-21-702590844-1001920913-2680819671", "56d9b66c-d746-4f87-bd26-26760cfdca2e");

	/** A child domain whose forest root differs from its own DNS name. */
	static final DomainIdentity DEV_CONTOSO = DomainIdentity.of("dev.contoso.com", "DEV", "contoso.com",
			"S-1-5-21-1004336348-1177238915-682003330", "3f2504e0-4f89-41d3-9a0c-0305e82c3301");

	private Facts() {
	}

}
