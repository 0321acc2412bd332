package org.studygate.breakglass;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.studygate.StudygateProperties;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.GroupKind;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;
import org.studygate.mail.MailMessage;
import org.studygate.mail.MailPort;
import org.studygate.study.PersonName;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the department's source admins of an unlock by e-mail, after the unlock
 * committed, from the event publication registry (a mail server that is down delays the
 * mail; a failed delivery is retried). The mail says which kind of unlock it was (an
 * emergency break-the-glass or the unlock of a restricted study, decision 060). It is
 * plain text: the reason is the user's own words and is never interpreted as markup. The
 * patient is named by initials only.
 */
@Component
class UnlockNotifier {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final MailPort mail;

	private final Users users;

	private final Groups groups;

	private final Departments departments;

	private final Studies studies;

	private final MessageSource messages;

	private final StudygateProperties properties;

	UnlockNotifier(MailPort mail, Users users, Groups groups, Departments departments, Studies studies,
			MessageSource messages, StudygateProperties properties) {
		this.mail = mail;
		this.users = users;
		this.groups = groups;
		this.departments = departments;
		this.studies = studies;
		this.messages = messages;
		this.properties = properties;
	}

	@ApplicationModuleListener
	void on(StudyUnlocked unlocked) {
		Department department = departments.find(unlocked.departmentId()).orElse(null);
		Study study = studies.find(new StudyId(unlocked.studyId())).orElse(null);
		if (department == null || study == null) {
			return;
		}
		List<GroupView.Member> admins = groups.sourceGroup(department.id().value(), GroupKind.SOURCE_ADMINS)
			.flatMap(groups::find)
			.map(GroupView::members)
			.orElse(List.of());
		for (GroupView.Member admin : admins) {
			users.find(admin.userId()).ifPresent(user -> {
				String address = address(user);
				if (address != null) {
					mail.send(compose(unlocked, department, study, user, address));
				}
			});
		}
	}

	private MailMessage compose(StudyUnlocked unlocked, Department department, Study study, UserView admin,
			String address) {
		Locale locale = Locale.forLanguageTag(admin.language() == null ? "en" : admin.language());
		ZoneId zone = department.timeZone();
		List<String> lines = new ArrayList<>();
		lines.add(messages.getMessage("mail.unlock.greeting", new Object[] { admin.displayName() }, locale));
		lines.add("");
		lines.add(messages.getMessage(kinded("mail.unlock.intro", unlocked), new Object[] { unlocked.actor().name(),
				department.name(), TIME.format(unlocked.occurredAt().atZone(zone)) }, locale));
		lines.add("- " + new PersonName(study.patient().name()).initials() + " " + study.studyDate() + " "
				+ study.modality() + " " + (study.description() == null ? "" : study.description()));
		lines.add(messages.getMessage("mail.unlock.purpose",
				new Object[] { unlocked.purpose().name(),
						messages.getMessage("breakglass.purpose." + unlocked.purpose().name(), null, locale) },
				locale));
		lines.add(messages.getMessage("mail.unlock.reason", null, locale));
		lines.add(unlocked.reason());
		lines.add(messages.getMessage("mail.unlock.expires",
				new Object[] { TIME.format(unlocked.expiresAt().atZone(zone)), zone.getId() }, locale));
		lines.add("");
		lines.add(messages.getMessage("mail.unlock.review",
				new Object[] { properties.publicUrl() + "/break-glass/reviews" }, locale));
		return new MailMessage(address, messages.getMessage(kinded("mail.unlock.subject", unlocked),
				new Object[] { department.name() }, locale), String.join("\n", lines));
	}

	/** The text for an emergency, or its ".RESTRICTED" variant for a restricted study. */
	private static String kinded(String key, StudyUnlocked unlocked) {
		return unlocked.kind() == Unlock.Kind.RESTRICTED ? key + ".RESTRICTED" : key;
	}

	private static String address(UserView user) {
		if (user.email() != null && !user.email().isBlank()) {
			return user.email();
		}
		return user.username() != null && user.username().contains("@") ? user.username() : null;
	}

}
