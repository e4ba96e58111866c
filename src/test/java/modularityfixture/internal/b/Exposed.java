package modularityfixture.internal.b;

/** Module {@code b}'s API: what other modules may use. */
public class Exposed {
}
