package modularityfixture.forbidden.c;

/** Exposed type of module {@code c}, which {@code a} does not declare. */
public class Forbidden {
}
