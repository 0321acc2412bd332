package org.studygate.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.studygate.StudygateProperties;
import org.studygate.directory.GroupId;
import org.studygate.directory.Groups;
import org.studygate.directory.UserId;
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
 * Tells the recipients of a share by e-mail, asynchronously after the share committed,
 * from the event publication registry (an unsent mail is retried when the application
 * restarts). A user gets one mail per share, whichever way he is reached; a group's
 * members per the group's notification setting. The mail names the patient by initials
 * only.
 */
@Component
class ShareNotifier {

	private final MailPort mail;

	private final Users users;

	private final Groups groups;

	private final Studies studies;

	private final MessageSource messages;

	private final StudygateProperties properties;

	ShareNotifier(MailPort mail, Users users, Groups groups, Studies studies, MessageSource messages,
			StudygateProperties properties) {
		this.mail = mail;
		this.users = users;
		this.groups = groups;
		this.studies = studies;
		this.messages = messages;
		this.properties = properties;
	}

	@ApplicationModuleListener
	void on(ShareNotificationQueued shared) {
		Map<UserId, UserView> people = new LinkedHashMap<>();
		for (ShareNotificationQueued.Recipient recipient : shared.recipients()) {
			switch (recipient.type()) {
				case USER -> users.find(new UserId(recipient.id())).ifPresent(u -> people.putIfAbsent(u.id(), u));
				case GROUP ->
					groups.membersToNotify(new GroupId(recipient.id())).forEach(u -> people.putIfAbsent(u.id(), u));
			}
		}
		List<Study> shares = shared.studyIds()
			.stream()
			.map(StudyId::new)
			.map(studies::find)
			.flatMap(java.util.Optional::stream)
			.toList();
		for (UserView person : people.values()) {
			String address = address(person);
			if (address != null) {
				mail.send(compose(shared, shares, person, address));
			}
		}
	}

	private MailMessage compose(ShareNotificationQueued shared, List<Study> shares, UserView person, String address) {
		Locale locale = Locale.forLanguageTag(person.language() == null ? "en" : person.language());
		List<String> lines = new ArrayList<>();
		lines.add(messages.getMessage("mail.share.greeting", new Object[] { person.displayName() }, locale));
		lines.add("");
		lines.add(
				messages.getMessage("mail.share.intro", new Object[] { shared.actor().name(), shares.size() }, locale));
		for (Study study : shares) {
			lines.add("- " + new PersonName(study.patient().name()).initials() + " " + study.studyDate() + " "
					+ study.modality() + " " + study.description() + ": " + properties.publicUrl() + "/studies/"
					+ study.id());
		}
		if (shared.message() != null) {
			lines.add("");
			lines.add(messages.getMessage("mail.share.message", new Object[] { shared.actor().name() }, locale));
			lines.add(shared.message());
		}
		lines.add("");
		lines.add(messages.getMessage("mail.share.footer", null, locale));
		return new MailMessage(address,
				messages.getMessage("mail.share.subject", new Object[] { shared.actor().name() }, locale),
				String.join("\n", lines));
	}

	private static String address(UserView user) {
		if (user.email() != null && !user.email().isBlank()) {
			return user.email();
		}
		return user.username() != null && user.username().contains("@") ? user.username() : null;
	}

}
