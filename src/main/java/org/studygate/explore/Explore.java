package org.studygate.explore;

import java.time.Clock;
import java.util.List;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.access.Decision;
import org.studygate.access.StudyTabs;
import org.studygate.directory.Actor;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyCursor;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists and opens studies for an actor: exactly the studies the decision point lets him
 * list, newest first, each listing and each opening published for the access log.
 */
@Service
public class Explore {

	private final Studies studies;

	private final AccessControl access;

	private final Users users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Explore(Studies studies, AccessControl access, Users users, ApplicationEventPublisher events, Clock clock) {
		this.studies = studies;
		this.access = access;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * One page of the actor's studies.
	 *
	 * @param more whether more studies match than the page holds
	 * @param next the cursor of the next page, {@code null} on the last
	 */
	public record Page(List<StudySummary> items, boolean more, String next) {

	}

	@Transactional
	public Page list(Actor actor, StudyFilter filter, String after, int limit, String channel) {
		int size = Math.max(1, Math.min(limit, Studies.MAX_PAGE));
		StudyCursor cursor = after == null || after.isBlank() ? null : StudyCursor.decode(after);
		List<StudySummary> rows = studies.search(filter, access.visibleStudies(actor), cursor, size + 1);
		boolean more = rows.size() > size;
		List<StudySummary> page = more ? rows.subList(0, size) : rows;
		String next = more ? StudyCursor.after(page.get(page.size() - 1)).encode() : null;
		events.publishEvent(
				new StudiesListed(clock.instant(), actor.asAuditActor(), describe(filter), page.size(), channel));
		return new Page(List.copyOf(page), more, next);
	}

	/**
	 * A study the actor may list, with the path that lets him.
	 *
	 * @param requesterName the referring physician's name when he has an account, else
	 * {@code null}
	 */
	public record Opened(Study study, Decision.Permitted permittedBy, String requesterName) {

	}

	/**
	 * A study opened on its page, with the tabs of the page the actor may open.
	 */
	public record StudyPage(Opened opened, StudyTabs tabs) {

	}

	@Transactional
	public Opened open(Actor actor, StudyId id, String channel) {
		Authorized authorized = access.require(actor, id, Action.LIST);
		events.publishEvent(new StudyOpened(clock.instant(), actor.asAuditActor(), id.value(),
				authorized.permittedBy().path().name(), channel));
		return new Opened(authorized.study(), authorized.permittedBy(),
				physicianName(authorized.study().requesterNumber()));
	}

	/**
	 * {@link #open} for the study's page, which also shows the tabs the actor may open.
	 */
	@Transactional
	public StudyPage openPage(Actor actor, StudyId id) {
		Opened opened = open(actor, id, "EXPLORE");
		return new StudyPage(opened, access.tabs(actor, opened.study()));
	}

	private String physicianName(String number) {
		if (number == null) {
			return null;
		}
		return users.findByPhysicianNumber(number).flatMap(users::find).map(UserView::displayName).orElse(null);
	}

	private static String describe(StudyFilter filter) {
		return filter.isEmpty() ? "" : filter.toString().replaceFirst("^StudyFilter", "");
	}

}
