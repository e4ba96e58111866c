package modularityfixture.internal.b.internal;

/** Public to Java, but internal to module {@code b}: a sub-package is not part of a module's API. */
public class Hidden {
}
