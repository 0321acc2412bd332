package org.studygate.access;

import java.time.ZoneId;

import org.studygate.directory.Actor;
import org.studygate.study.Study;

/**
 * One section of a study's Access tab (SPEC §4) contributed by the capability that owns its data:
 * break-the-glass (Unlocked), transfers (PACS), buckets, reference numbers and RSW status. The
 * access module calls a section only after it has decided MANAGE_ACCESS for the actor and the study,
 * so a section never decides again; its own actions (review, revoke, withdraw, reveal, send) are
 * handled by its module's controllers, which do decide.
 *
 * <p>The same content serves the page and the API: {@link #content} is a view record that the page
 * hands to the fragment {@link #fragment()} as {@code section}, and that the REST API writes as the
 * value of {@link #key()} in {@code GET /api/v1/studies/{id}/access}.
 */
public interface AccessTabSection {

	/** The field of the access API this section fills: {@code unlocked}, {@code transfers}, {@code buckets}, {@code referenceNumbers} or {@code rsw}. */
	String key();

	/**
	 * The Thymeleaf fragment that renders the section on the page, e.g.
	 * {@code "breakglass/section :: unlocked"}; it receives {@code section} (the content),
	 * {@code study}, {@code studyId} and {@code zone}.
	 */
	String fragment();

	/**
	 * The section's content for the actor, already permitted to manage the study's access; a list
	 * for a table, a record for a single status.
	 *
	 * @param zone the sending department's time zone, in which pages show times
	 */
	Object content(Actor actor, Study study, ZoneId zone);

}
