package org.studygate.bucket;

import java.time.LocalDate;
import java.util.List;

import org.studygate.access.Giving;
import org.studygate.access.Sharing;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.sms.SmsMessage;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing with a person without an account (decision 021): a bucket whose code goes to an
 * e-mail address or a mobile number after the commit; each use asks a one-time password
 * sent there. Needs SHARE on every study, as a share with a colleague does
 * ({@link Sharing}).
 */
@Service
public class ShareCodes {

	private final Sharing sharing;

	private final BucketRules rules;

	private final BucketIssuer issuer;

	ShareCodes(Sharing sharing, BucketRules rules, BucketIssuer issuer) {
		this.sharing = sharing;
		this.rules = rules;
		this.issuer = issuer;
	}

	/**
	 * The studies to share with a person without an account (SHARE on each), with the
	 * share validity.
	 */
	@Transactional(readOnly = true)
	public Printing.Draft draft(Actor actor, List<StudyId> studyIds) {
		Sharing.Draft draft = sharing.draft(actor, studyIds);
		return new Printing.Draft(draft.studies(), draft.department(),
				new Printing.Validity(draft.defaultValidUntil(), draft.maximumValidUntil()));
	}

	/** Shares the studies: the code goes to the recipient once the share is stored. */
	@Transactional
	public IssuedBucket share(Actor actor, NewShareCode request) {
		Sharing.Draft draft = sharing.draft(actor, request.studyIds());
		Department department = draft.department();
		LocalDate until = request.validUntil() == null ? draft.defaultValidUntil() : request.validUntil();
		issuer.checkUntil(department, until, sharing.maximumValidUntil(department));
		rules.requireGiving(actor, draft.studies(), Giving.Via.SHARE_CODE, request.scope(), until, department);
		Verification verification = request.mobile() != null ? Verification.OTP_SMS : Verification.OTP_EMAIL;
		String reason = "shared by " + actor.name() + " with "
				+ (request.mobile() != null ? SmsMessage.mask(request.mobile()) : request.email());
		return issuer.issue(actor, department, draft.studies(),
				new BucketIssuer.Terms(BucketKind.SHARED, null, reason, verification, request.scope(),
						request.language(), until, false, request.email(), request.mobile(), request.message()));
	}

}
