package org.studygate.bucket;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.StudygateProperties;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.mail.MailMessage;
import org.studygate.mail.MailPort;
import org.studygate.refcode.BucketCodes;
import org.studygate.sms.SmsMessage;
import org.studygate.sms.SmsPort;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends a share code to its recipient after the share committed, from the event
 * publication registry (retried when it fails). The code is read from its sealed store
 * here; it is never logged.
 */
@Component
class ShareCodeNotifier {

	private static final Logger log = LoggerFactory.getLogger(ShareCodeNotifier.class);

	private final BucketStore store;

	private final BucketCodes codes;

	private final Departments departments;

	private final MailPort mail;

	private final SmsPort sms;

	private final MessageSource messages;

	private final StudygateProperties properties;

	ShareCodeNotifier(BucketStore store, BucketCodes codes, Departments departments, MailPort mail, SmsPort sms,
			MessageSource messages, StudygateProperties properties) {
		this.store = store;
		this.codes = codes;
		this.departments = departments;
		this.mail = mail;
		this.sms = sms;
		this.messages = messages;
		this.properties = properties;
	}

	@ApplicationModuleListener
	void on(ShareCodeQueued queued) {
		BucketStore.Row row = store.byId(queued.bucketId()).orElse(null);
		if (row == null || !BucketState.ACTIVE.name().equals(row.state())) {
			return;
		}
		String code = codes.clear(row.codeId()).orElse(null);
		Department department = departments.find(row.departmentId()).orElse(null);
		if (code == null || department == null) {
			return;
		}
		Locale locale = Locale.forLanguageTag(queued.language() == null ? "en" : queued.language());
		String address = properties.publicUrl().replaceAll("/+$", "") + "/patient/" + department.code().value();
		String until = row.validUntil() == null ? "-" : DateTimeFormatter.ISO_LOCAL_DATE
			.format(row.validUntil().minusSeconds(1).atZone(department.timeZone()));
		if (row.recipientMobile() != null) {
			sms.send(new SmsMessage(row.recipientMobile(), messages.getMessage("bucket.share.sms",
					new Object[] { queued.actor().name(), department.name(), code, address, until }, locale)));
		}
		else {
			StringBuilder text = new StringBuilder(messages.getMessage("bucket.share.mail.text",
					new Object[] { queued.actor().name(), department.name(), code, address, until }, locale));
			if (queued.message() != null) {
				text.append("\n\n")
					.append(messages.getMessage("bucket.share.mail.message", new Object[] { queued.actor().name() },
							locale))
					.append('\n')
					.append(queued.message());
			}
			mail.send(new MailMessage(row.recipientEmail(),
					messages.getMessage("bucket.share.mail.subject", new Object[] { queued.actor().name() }, locale),
					text.toString()));
		}
		log.info("Sent the share code of bucket {}", row.id());
	}

}
