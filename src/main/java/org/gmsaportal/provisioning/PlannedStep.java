package org.gmsaportal.provisioning;

/**
 * One step of a plan, naming exactly what it will create or change.
 *
 * @param index position in the plan, from 0
 * @param kind what sort of step
 * @param target the object it acts on (a group name, a gMSA, a resource name)
 * @param intent what the live lookup found it will do
 * @param description the change in words, e.g. "create group GmsaHosts-web"
 */
public record PlannedStep(int index, StepKind kind, String target, StepIntent intent, String description) {
}
