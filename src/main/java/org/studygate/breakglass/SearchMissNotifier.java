package org.studygate.breakglass;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells of a burst of emergency searches without a match (decision 034), after it
 * committed, from the event publication registry: the source admins of every department
 * holding a study of a patient ID that was searched, each once, in his language; when no
 * searched ID is known anywhere, the security mailbox
 * ({@code studygate.break-glass.alert-mail}), if one is configured. The mail names the
 * user and the patient IDs he tried, never a birth date or a patient's name.
 */
@Component
class SearchMissNotifier {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final MailPort mail;

	private final Users users;

	private final Groups groups;

	private final Departments departments;

	private final MessageSource messages;

	private final StudygateProperties properties;

	private final String securityMailbox;

	SearchMissNotifier(MailPort mail, Users users, Groups groups, Departments departments, MessageSource messages,
			StudygateProperties properties, @Value("${studygate.break-glass.alert-mail:}") String securityMailbox) {
		this.mail = mail;
		this.users = users;
		this.groups = groups;
		this.departments = departments;
		this.messages = messages;
		this.properties = properties;
		this.securityMailbox = securityMailbox == null || securityMailbox.isBlank() ? null : securityMailbox.strip();
	}

	@ApplicationModuleListener
	void on(EmergencySearchMissesReported reported) {
		List<Department> probed = reported.departmentIds()
			.stream()
			.map(departments::find)
			.flatMap(Optional::stream)
			.toList();
		Map<String, UserView> admins = new LinkedHashMap<>();
		for (Department department : probed) {
			for (GroupView.Member member : groups.sourceGroup(department.id().value(), GroupKind.SOURCE_ADMINS)
				.flatMap(groups::find)
				.map(GroupView::members)
				.orElse(List.of())) {
				users.find(member.userId()).ifPresent(user -> {
					String address = address(user);
					if (address != null) {
						admins.putIfAbsent(address, user);
					}
				});
			}
		}
		ZoneId zone = probed.isEmpty() ? ZoneId.of("UTC") : probed.get(0).timeZone();
		List<String> names = probed.stream().map(Department::name).toList();
		admins.forEach((address, admin) -> mail.send(compose(reported, names, zone, admin.displayName(),
				Locale.forLanguageTag(admin.language() == null ? "en" : admin.language()), address)));
		if (admins.isEmpty() && securityMailbox != null) {
			mail.send(compose(reported, names, zone, null, Locale.ENGLISH, securityMailbox));
		}
	}

	private MailMessage compose(EmergencySearchMissesReported reported, List<String> departmentNames, ZoneId zone,
			String greeted, Locale locale, String address) {
		List<String> lines = new ArrayList<>();
		if (greeted != null) {
			lines.add(messages.getMessage("mail.searchMisses.greeting", new Object[] { greeted }, locale));
			lines.add("");
		}
		lines.add(messages.getMessage("mail.searchMisses.intro", new Object[] { reported.actor().name(),
				reported.misses(), TIME.format(reported.occurredAt().atZone(zone)), zone.getId() }, locale));
		lines.add(messages.getMessage("mail.searchMisses.patientIds", null, locale));
		reported.patientIds().forEach(id -> lines.add("- " + id));
		if (!departmentNames.isEmpty()) {
			lines.add(messages.getMessage("mail.searchMisses.departments",
					new Object[] { String.join(", ", departmentNames) }, locale));
		}
		lines.add("");
		lines.add(messages.getMessage("mail.searchMisses.log", new Object[] { properties.publicUrl() + "/admin/audit" },
				locale));
		return new MailMessage(address, messages.getMessage("mail.searchMisses.subject", null, locale),
				String.join("\n", lines));
	}

	private static String address(UserView user) {
		if (user.email() != null && !user.email().isBlank()) {
			return user.email();
		}
		return user.username() != null && user.username().contains("@") ? user.username() : null;
	}

}
