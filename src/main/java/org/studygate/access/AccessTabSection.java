package org.studygate.access;

import org.studygate.department.Department;

/**
 * One section of a study's Access tab (docs/product/04-access-tab.md) contributed by the
 * capability that owns its data: break-the-glass (Unlocked), transfers (PACS), buckets,
 * reference numbers and RSW status. Each section brings its own key and place (decision
 * 038); {@link AccessTab} collects whatever sections there are and knows none of them. A
 * section is called with the access the tab has decided (MANAGE_ACCESS on the study), so
 * it never decides again; its own actions (review, revoke, withdraw, reveal, send) are
 * handled by its module's controllers, which do decide.
 *
 * <p>
 * The same content serves the page and the API: {@link #content} is a view record that
 * the page hands to the fragment {@link #fragment()} as {@code section}, and that the
 * REST API writes as the value of {@link #key()} in {@code GET
 * /api/v1/studies/{id}/access}.
 */
public interface AccessTabSection {

	/**
	 * The field of the access API this section fills and the suffix of its panel's id on
	 * the page, e.g. {@code buckets}; unique among the sections.
	 */
	String key();

	/**
	 * The section's place on the tab and in the API's answer, lowest first, after the
	 * Users section. The tab's five sections use 100 (unlocked), 200 (transfers), 300
	 * (buckets), 400 (reference numbers) and 500 (rsw).
	 */
	int order();

	/**
	 * The Thymeleaf fragment that renders the section on the page, e.g.
	 * {@code "breakglass/section :: unlocked"}; it receives {@code section} (the
	 * content), {@code study}, {@code studyId} and {@code zone}.
	 */
	String fragment();

	/**
	 * The section's content; a list for a table, a record for a single status.
	 * @param authorized MANAGE_ACCESS on the study, decided for the actor
	 * @param department the study's sending department, read once for the whole tab
	 * (docs/decisions/079-access-tab-reads-once.md): its settings, and its time zone, in
	 * which pages show times
	 */
	Object content(Authorized authorized, Department department);

}
