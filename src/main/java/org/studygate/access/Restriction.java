package org.studygate.access;

import java.time.Instant;

/**
 * A study's restriction: who marked it, when and why
 * (docs/decisions/060-exclusions-and-restricted-studies.md).
 */
public record Restriction(Instant restrictedAt, String restrictedBy, String reason) {

}
