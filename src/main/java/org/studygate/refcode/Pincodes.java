package org.studygate.refcode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.sms.SmsMessage;
import org.studygate.sms.SmsPort;

import org.springframework.stereotype.Component;

/**
 * The pincode of a code whose department asks payment and pincode
 * (docs/product/05-workflows.md): six digits sent once by SMS to the mobile number on
 * file and kept encrypted (a source admin may reveal it); asked at every sign-in after
 * the birth date, the fifth wrong one blocks the code.
 */
@Component
class Pincodes {

	private static final Logger log = LoggerFactory.getLogger(Pincodes.class);

	private final ReferenceNumberStore store;

	private final CodeSecrets secrets;

	private final SmsPort sms;

	private final CodeSessions sessions;

	private final Clock clock;

	Pincodes(ReferenceNumberStore store, CodeSecrets secrets, SmsPort sms, CodeSessions sessions, Clock clock) {
		this.store = store;
		this.secrets = secrets;
		this.sms = sms;
		this.sessions = sessions;
		this.clock = clock;
	}

	/** Makes the code's pincode, replacing any earlier one, and sends it. */
	LoginResult send(ReferenceNumberStore.Row row, String mobile) {
		String pincode = Codes.digits(secrets.random(), 6);
		store.setPincode(row.id(), secrets.encrypt(pincode));
		try {
			sms.send(new SmsMessage(mobile, "Studygate: your pincode is " + pincode + "."));
		}
		catch (RuntimeException ex) {
			log.warn("Could not send the pincode for reference number {} ({}); a source admin can reveal it", row.id(),
					ex.getClass().getSimpleName());
			return new LoginResult.Failed();
		}
		log.info("Sent a pincode for reference number {}", row.id());
		return new LoginResult.PincodeNeeded(new ReferenceNumberId(row.id()), SmsMessage.mask(mobile));
	}

	/** Checks the pincode typed; right, the code session begins. */
	LoginResult verify(ReferenceNumberId codeId, String pincode) {
		Instant now = clock.instant();
		Optional<ReferenceNumberStore.Row> row = sessions.usable(codeId, now);
		boolean right = row.isPresent() && row.get().pincodeCipher() != null
				&& MessageDigest.isEqual(
						secrets.decrypt(row.get().pincodeCipher(), row.get().pincodeKeyId())
							.getBytes(StandardCharsets.UTF_8),
						Codes.digitsOnly(pincode).getBytes(StandardCharsets.UTF_8));
		if (!right) {
			if (row.isPresent()) {
				store.recordFailedSecret(codeId.value(), "pincode", now);
			}
			sessions.failed(now, "PATIENT_PINCODE", row.isEmpty() ? "code not usable" : "wrong pincode", codeId);
			return new LoginResult.Failed();
		}
		return sessions.verified(row.get(), "PATIENT_PINCODE", now);
	}

}
