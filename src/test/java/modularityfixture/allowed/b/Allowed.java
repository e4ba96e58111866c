package modularityfixture.allowed.b;

/** Exposed type of module {@code b}. */
public class Allowed {
}
