package org.studygate.refcode;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.mail.MailAddresses;
import org.studygate.mail.MailMessage;
import org.studygate.mail.MailPort;
import org.studygate.sms.SmsMessage;
import org.studygate.sms.SmsPort;
import org.studygate.study.PatientContact;
import org.studygate.study.Study;

import org.springframework.stereotype.Component;

/**
 * The one-time password step of a sign-in (docs/product/05-workflows.md): six digits by
 * SMS or e-mail, kept only hashed; only the newest works, for ten minutes, and the fifth
 * wrong one blocks the code.
 */
@Component
class OneTimePasswords {

	private static final Logger log = LoggerFactory.getLogger(OneTimePasswords.class);

	static final Duration VALIDITY = Duration.ofMinutes(10);

	private final ReferenceNumberStore store;

	private final CodeSecrets secrets;

	private final SmsPort sms;

	private final MailPort mail;

	private final CodeSessions sessions;

	private final Clock clock;

	OneTimePasswords(ReferenceNumberStore store, CodeSecrets secrets, SmsPort sms, MailPort mail, CodeSessions sessions,
			Clock clock) {
		this.store = store;
		this.secrets = secrets;
		this.sms = sms;
		this.mail = mail;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * Sends a new one-time password, replacing any earlier one.
	 * @param to where the code's issuer sends them, {@code null} for the patient's
	 * contact on file
	 */
	LoginResult send(ReferenceNumberStore.Row row, Study study, Verification verification, String to) {
		Optional<PatientContact> contact = sessions.contact(study);
		String destination = to != null ? to
				: contact.map(c -> verification == Verification.OTP_SMS ? c.mobile() : c.email()).orElse(null);
		if (destination == null) {
			return new LoginResult.Failed();
		}
		String otp = Codes.digits(secrets.random(), 6);
		Instant now = clock.instant();
		store.replaceOtp(row.id(), secrets.hash("otp:" + row.id(), otp), now, now.plus(VALIDITY));
		String text = "Studygate: your one-time password is " + otp + ". It is valid for 10 minutes.";
		ReferenceNumberId id = new ReferenceNumberId(row.id());
		try {
			if (verification == Verification.OTP_SMS) {
				sms.send(new SmsMessage(destination, text));
				return new LoginResult.OtpSent(id, verification, SmsMessage.mask(destination));
			}
			mail.send(new MailMessage(destination, "Your Studygate one-time password", text));
			return new LoginResult.OtpSent(id, verification, MailAddresses.masked(destination));
		}
		catch (RuntimeException ex) {
			// the patient gets the generic answer; the message text is never logged
			log.warn("Could not send the one-time password for reference number {} ({})", row.id(),
					ex.getClass().getSimpleName());
			return new LoginResult.Failed();
		}
	}

	/** Checks the password typed; right, the code session begins. */
	LoginResult verify(ReferenceNumberId codeId, String otp) {
		Instant now = clock.instant();
		Optional<ReferenceNumberStore.Row> row = sessions.usable(codeId, now);
		Optional<byte[]> expected = row.flatMap(r -> store.otp(r.id(), now));
		byte[] given = secrets.hash("otp:" + codeId, Codes.digitsOnly(otp));
		if (row.isEmpty() || expected.isEmpty() || !MessageDigest.isEqual(expected.get(), given)) {
			if (row.isPresent()) {
				store.recordFailedSecret(codeId.value(), "otp", now);
			}
			sessions.failed(now, "PATIENT_OTP", row.isEmpty() ? "code not usable"
					: expected.isEmpty() ? "no valid one-time password" : "wrong one-time password", codeId);
			return new LoginResult.Failed();
		}
		store.deleteOtp(codeId.value());
		return sessions.verified(row.get(), "PATIENT_OTP", now);
	}

}
