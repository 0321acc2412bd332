package org.studygate.directory;

import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/**
 * The authenticated code session a patient opened with a reference number
 * (docs/product/05-workflows.md), kept in his HTTP session. Every surface that accepts
 * patient sessions turns it into the same {@link Actor#patient} and lets the decision
 * point's code path decide; the name is the session's code id, never the code itself.
 *
 * @param kind PATIENT_CODE, or SHARE_CODE for a share code's recipient (decision 020)
 * @param codeId the reference number's id
 * @param displayName what the access log shows as the actor
 */
public record CodePrincipal(ActorKind kind, UUID codeId, String displayName) implements Principal, Serializable {

	/** The authority every code session holds, and staff pages refuse. */
	public static final String AUTHORITY = "CODE_SESSION";

	@Override
	public String getName() {
		return "code:" + codeId;
	}

	public Actor actor() {
		return Actor.codeSession(kind, codeId, displayName);
	}

}
