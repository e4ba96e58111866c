package modularityfixture.forbidden.a;

import modularityfixture.forbidden.b.Allowed;
import modularityfixture.forbidden.c.Forbidden;

/** Uses its declared dependency {@code b} and, against the declaration, module {@code c}. */
public class Caller {

	final Allowed allowed = new Allowed();

	final Forbidden forbidden = new Forbidden();

}
