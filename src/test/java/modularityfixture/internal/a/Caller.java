package modularityfixture.internal.a;

import modularityfixture.internal.b.internal.Hidden;

/**
 * Module {@code a} declares no allowed dependencies (so any module's API would do) but reaches into
 * {@code b}'s {@code internal} package.
 */
public class Caller {

	final Hidden hidden = new Hidden();

}
