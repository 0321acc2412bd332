package org.studygate.directory;

/** Who performs an action (SPEC §2, access log). */
public enum ActorKind {

	USER, PATIENT_CODE, SHARE_CODE, SYSTEM, ANONYMOUS

}
