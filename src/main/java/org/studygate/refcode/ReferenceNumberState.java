package org.studygate.refcode;

/**
 * The life of a reference number (docs/product/02-domain.md). Only an ACTIVE code opens a
 * session.
 */
public enum ReferenceNumberState {

	ACTIVE, WITHDRAWN, SUPERSEDED, BLOCKED

}
