package modularityfixture.allowed.a;

import modularityfixture.allowed.b.Allowed;

/** Uses a declared dependency: the set verifies. */
public class Caller {

	final Allowed allowed = new Allowed();

}
