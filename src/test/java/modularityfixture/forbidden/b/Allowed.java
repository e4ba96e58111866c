package modularityfixture.forbidden.b;

/** Exposed type of module {@code b}, which {@code a} declares. */
public class Allowed {
}
