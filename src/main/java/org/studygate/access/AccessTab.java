package org.studygate.access;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.studygate.NotFoundException;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.Groups;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupView;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A study's Access tab: its Users section and the sections other capabilities contribute
 * ({@link AccessTabSection}), in their own order, for the page and the API alike.
 * Everything here needs MANAGE_ACCESS on the study (its source admins and the service
 * desk); a study the actor may not even list is not found. The tab decides once and hands
 * the sections the decided access.
 */
@Service
public class AccessTab {

	private final AccessControl access;

	private final AccessEntries entries;

	private final Groups groups;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<AccessTabSection> sections;

	AccessTab(AccessControl access, AccessEntries entries, Groups groups, ApplicationEventPublisher events, Clock clock,
			List<AccessTabSection> sections) {
		this.access = access;
		this.entries = entries;
		this.groups = groups;
		this.events = events;
		this.clock = clock;
		this.sections = sections.stream().sorted(Comparator.comparingInt(AccessTabSection::order)).toList();
		var keys = this.sections.stream().collect(Collectors.groupingBy(AccessTabSection::key, Collectors.counting()));
		keys.forEach((key, count) -> {
			if (count > 1) {
				throw new IllegalStateException("two sections of the Access tab fill " + key);
			}
		});
	}

	/**
	 * The study, the Users section and the other sections of its Access tab.
	 *
	 * @param zone the sending department's time zone, in which the tab shows times
	 * @param sections the other sections, in their order
	 */
	public record View(Study study, List<AccessEntry> users, ZoneId zone, List<Section> sections) {

		/**
		 * The content of the section filling the given API field, if its capability
		 * contributes one.
		 */
		public Optional<Object> content(String key) {
			return sections.stream().filter(s -> s.key().equals(key)).findFirst().map(Section::content);
		}

	}

	/**
	 * A section other than Users, filled by the {@link AccessTabSection} its capability
	 * contributes.
	 *
	 * @param key the access API's field
	 * @param fragment the page's fragment
	 * @param content the section's view
	 */
	public record Section(String key, String fragment, Object content) {

		/** The template holding the fragment. */
		public String template() {
			return fragment.substring(0, fragment.indexOf("::")).strip();
		}

		/** The fragment's name within its template. */
		public String selector() {
			return fragment.substring(fragment.indexOf("::") + 2).strip();
		}

	}

	/**
	 * The tab's page: its sections and the tabs of the study's page the actor may open.
	 */
	public record Page(View view, StudyTabs tabs) {

	}

	/**
	 * The tab for the actor; the opening is published for the log, with the channel it
	 * came through.
	 */
	@Transactional
	public View view(Actor actor, StudyId studyId, String channel) {
		Authorized authorized = access.require(actor, studyId, Action.MANAGE_ACCESS);
		Study study = authorized.study();
		events.publishEvent(new AccessTabOpened(clock.instant(), actor.asAuditActor(), studyId.value(), channel));
		// the department is read once for the tab and every section
		// (docs/decisions/079-access-tab-reads-once.md)
		Department department = entries.department(study);
		List<Section> filled = sections.stream()
			.map(s -> new Section(s.key(), s.fragment(), s.content(authorized, department)))
			.toList();
		return new View(study, entries.of(study), department.timeZone(), filled);
	}

	/** {@link #view} for the Access tab's page, opened from the study's page. */
	@Transactional
	public Page page(Actor actor, StudyId studyId) {
		View view = view(actor, studyId, "EXPLORE");
		return new Page(view, access.tabs(actor, view.study()));
	}

	/**
	 * The details of a group named in the study's Users section (members with the primary
	 * contact first and admins marked, address and contact), for those who manage access
	 * to the study.
	 */
	@Transactional(readOnly = true)
	public GroupView group(Actor actor, StudyId studyId, GroupId groupId) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		boolean named = entries.of(study)
			.stream()
			.anyMatch(e -> e.subjectType() == SubjectType.GROUP && groupId.value().equals(e.subjectId()));
		if (!named) {
			throw new NotFoundException("group");
		}
		return groups.find(groupId).orElseThrow(() -> new NotFoundException("group"));
	}

}
