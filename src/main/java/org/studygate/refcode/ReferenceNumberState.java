package org.studygate.refcode;

/** The life of a reference number (SPEC §2). Only an ACTIVE code opens a session. */
public enum ReferenceNumberState {

	ACTIVE, WITHDRAWN, SUPERSEDED, BLOCKED

}
