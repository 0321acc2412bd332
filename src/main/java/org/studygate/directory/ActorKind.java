package org.studygate.directory;

/** Who performs an action (docs/product/02-domain.md, access log). */
public enum ActorKind {

	USER, PATIENT_CODE, SHARE_CODE, SYSTEM, ANONYMOUS

}
