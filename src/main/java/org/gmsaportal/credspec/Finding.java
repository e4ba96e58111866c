package org.gmsaportal.credspec;

/**
 * One thing the validator found: how bad it is, where, what is wrong and how to fix it.
 *
 * @param severity how much it matters
 * @param code the kind of defect
 * @param field JSON path of the field, e.g. {@code DomainJoinConfig.Sid}; {@code $} for the whole document
 * @param problem what is wrong
 * @param fix what to do about it
 */
public record Finding(Severity severity, FindingCode code, String field, String problem, String fix) {

}
