package org.studygate.bucket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.mail.MailAddresses;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Giving;
import org.studygate.access.GrantScope;
import org.studygate.access.Sharing;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.Actor;
import org.studygate.refcode.BucketCodes;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.ReferenceNumberEvent;
import org.studygate.sms.SmsMessage;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buckets (SPEC §2, §4, §5): printing a reference number for studies of one department, sharing with
 * a person without an account, the Buckets section's removals, the blocked access page's unblocking,
 * and the letter. Every identifier is checked against the actor (a bucket of a department the actor
 * does not serve is not found, and the refusal is logged); every change is logged.
 */
@Service
public class Buckets {

	/** The default validity of a printed reference number when the department sets none (SPEC §5). */
	static final int DEFAULT_MONTHS = 1;

	private final BucketStore store;

	private final BucketCodes codes;

	private final AccessControl access;

	private final Departments departments;

	private final Sharing sharing;

	private final Letters letters;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final BucketRules rules;

	Buckets(BucketStore store, BucketCodes codes, AccessControl access, Departments departments, Sharing sharing,
			Letters letters, ApplicationEventPublisher events, Clock clock, BucketRules rules) {
		this.rules = rules;
		this.store = store;
		this.codes = codes;
		this.access = access;
		this.departments = departments;
		this.sharing = sharing;
		this.letters = letters;
		this.events = events;
		this.clock = clock;
	}

	/** The default and latest last day of a printed reference number made today. */
	public record Validity(LocalDate defaultUntil, LocalDate maximumUntil) {

	}

	/** The studies to print for, checked: visible to the actor, of one department he serves. */
	public record PrintDraft(List<Study> studies, Department department, Validity validity) {

	}

	@Transactional(readOnly = true)
	public PrintDraft printDraft(Actor actor, List<StudyId> studyIds) {
		List<Study> studies = printable(actor, studyIds);
		Department department = departments.find(studies.get(0).departmentId()).orElseThrow();
		return new PrintDraft(studies, department, validity(department));
	}

	/** The studies to share with a person without an account (SHARE on each), with the share validity. */
	@Transactional(readOnly = true)
	public PrintDraft shareDraft(Actor actor, List<StudyId> studyIds) {
		Sharing.Draft draft = sharing.draft(actor, studyIds);
		return new PrintDraft(draft.studies(), draft.department(),
				new Validity(draft.defaultValidUntil(), draft.maximumValidUntil()));
	}

	/**
	 * Prints a reference number: a bucket over the studies with a new code, in clear this once. The
	 * studies must be visible to the actor and come from one department whose source user or admin he
	 * is (or he is the service desk); the last day must not lie beyond the department's maximum.
	 */
	@Transactional
	public IssuedBucket print(Actor actor, NewBucket request) {
		List<Study> studies = printable(actor, request.studyIds());
		rules.requireOnePatient(actor, studies);
		Department department = departments.find(studies.get(0).departmentId()).orElseThrow();
		Validity validity = validity(department);
		LocalDate until = request.validUntil() == null ? validity.defaultUntil() : request.validUntil();
		checkUntil(department, until, validity.maximumUntil());
		rules.requireGiving(actor, studies, Giving.Via.PRINTED_CODE, request.scope(), until, department);
		return create(actor, department, studies, BucketKind.PRINTED, request.label(), request.reason(),
				request.verification(), request.scope(), request.language(), until, true, null, null, null);
	}

	/**
	 * Shares with a person without an account: a bucket whose code goes to the e-mail address or mobile
	 * number after the commit; each use asks a one-time password sent there. Needs SHARE on every study.
	 */
	@Transactional
	public IssuedBucket shareWithCode(Actor actor, NewShareCode request) {
		Sharing.Draft draft = sharing.draft(actor, request.studyIds());
		Department department = draft.department();
		LocalDate until = request.validUntil() == null ? draft.defaultValidUntil() : request.validUntil();
		checkUntil(department, until, sharing.maximumValidUntil(department));
		rules.requireGiving(actor, draft.studies(), Giving.Via.SHARE_CODE, request.scope(), until, department);
		Verification verification = request.mobile() != null ? Verification.OTP_SMS : Verification.OTP_EMAIL;
		String reason = "shared by " + actor.name() + " with " + (request.mobile() != null
				? SmsMessage.mask(request.mobile()) : request.email());
		return create(actor, department, draft.studies(), BucketKind.SHARED, null, reason, verification,
				request.scope(), request.language(), until, false, request.email(), request.mobile(), request.message());
	}

	private IssuedBucket create(Actor actor, Department department, List<Study> studies, BucketKind kind, String label,
			String reason, Verification verification, GrantScope scope, String language, LocalDate until,
			boolean patientAgreed, String email, String mobile, String message) {
		Instant now = clock.instant();
		Instant validUntil = until.plusDays(1).atStartOfDay(department.timeZone()).toInstant();
		List<UUID> ids = studies.stream().map(s -> s.id().value()).toList();
		IssuedCode code = codes.issue(department, studies.get(0).patient().birthDate(), ids, null, validUntil, actor);
		UUID id = UUID.randomUUID();
		store.insert(new BucketStore.Row(id, department.id().value(), code.id(), kind.name(), label, reason,
				verification.name(), scope.name(), language, null, validUntil, patientAgreed, email, mobile, now,
				actor.name(), BucketState.ACTIVE.name()), ids);
		for (UUID study : ids) {
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, id, "CREATED", AuditOutcome.SUCCESS,
					Map.of("kind", kind.name(), "verification", verification.name(), "scope", scope.name(),
							"validUntil", until.toString(), "reason", reason)));
		}
		if (kind == BucketKind.SHARED) {
			events.publishEvent(new ShareCodeQueued(now, actor.asAuditActor(), id, mobile != null ? "SMS" : "MAIL",
					language, message));
		}
		return new IssuedBucket(id, code.code(), view(store.byId(id).orElseThrow()));
	}

	/** A bucket the actor may see: source users and admins of its department and the service desk. */
	@Transactional(readOnly = true)
	public Bucket get(Actor actor, UUID bucketId) {
		return view(served(actor, bucketId, false));
	}

	/** The letter of a printed bucket, in its language, with the code in clear; every print is logged. */
	@Transactional
	public byte[] letter(Actor actor, UUID bucketId) {
		BucketStore.Row row = served(actor, bucketId, false);
		if (!BucketKind.PRINTED.name().equals(row.kind()) || !BucketState.ACTIVE.name().equals(row.state())) {
			throw new NotFoundException("letter");
		}
		Department department = departments.find(row.departmentId()).orElseThrow();
		String code = codes.clear(row.codeId()).orElseThrow(() -> new NotFoundException("letter"));
		byte[] pdf = letters.letter(department, code, row.verification(), row.validUntil(), row.language());
		Instant now = clock.instant();
		for (UUID study : store.studiesOf(row.id())) {
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, row.id(), "LETTER_PRINTED",
					AuditOutcome.SUCCESS, Map.of("language", row.language())));
		}
		return pdf;
	}

	/** The Buckets section of a study whose access the actor manages (already decided). */
	public List<Bucket> ofStudy(Study study) {
		return store.ofStudy(study.id().value()).stream().map(this::view).toList();
	}

	/** The section for the actor, deciding MANAGE_ACCESS. */
	@Transactional(readOnly = true)
	public List<Bucket> ofStudy(Actor actor, StudyId studyId) {
		return ofStudy(access.require(actor, studyId, Action.MANAGE_ACCESS).study());
	}

	/** The bucket as the section's cross shows it, for its confirmation. */
	@Transactional(readOnly = true)
	public Bucket held(Actor actor, StudyId studyId, UUID bucketId) {
		return view(heldRow(actor, studyId, bucketId));
	}

	/**
	 * The cross of the Buckets section: REMOVE_STUDY takes the study out (the others stay reachable),
	 * REMOVE_BUCKET takes every study out and kills the code. Needs MANAGE_ACCESS on the study.
	 */
	@Transactional
	public Bucket remove(Actor actor, StudyId studyId, UUID bucketId, RemoveMode mode) {
		if (mode == null) {
			throw new InvalidInputException("mode", "must be REMOVE_STUDY or REMOVE_BUCKET");
		}
		BucketStore.Row row = heldRow(actor, studyId, bucketId);
		Instant now = clock.instant();
		if (mode == RemoveMode.REMOVE_STUDY) {
			store.removeStudy(row.id(), studyId.value());
			codes.detach(row.codeId(), studyId.value());
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), studyId.value(), row.id(), "STUDY_REMOVED",
					AuditOutcome.SUCCESS, Map.of()));
		}
		else {
			List<UUID> members = store.studiesOf(row.id());
			store.removeAll(row.id());
			codes.kill(row.codeId(), actor);
			store.changeState(row.id(), row.state(), BucketState.REVOKED.name(), actor.name(), now);
			for (UUID study : members) {
				events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, row.id(), "REMOVED",
						AuditOutcome.SUCCESS, Map.of("from", studyId.value().toString())));
			}
		}
		return view(store.byId(row.id()).orElseThrow());
	}

	/**
	 * Unblocks a bucket whose code was blocked by failed attempts: counters start again; with
	 * {@code newCode} the old code dies and a new one is answered in clear this once. Source admins
	 * of the bucket's department and the service desk.
	 */
	@Transactional
	public Optional<String> unblock(Actor actor, UUID bucketId, boolean newCode) {
		BucketStore.Row row = served(actor, bucketId, true);
		if (BucketState.BLOCKED.name().equals(row.state())) {
			// blocked for what it holds, not for failed attempts (decision 031): only removal ends it
			throw new org.studygate.ConflictException("the bucket is blocked: " + row.blockedReason());
		}
		Department department = departments.find(row.departmentId()).orElseThrow();
		Optional<String> code;
		if (newCode) {
			code = codes.unblockWithNewCode(row.codeId(), department, actor).map(IssuedCode::code);
			if (code.isEmpty()) {
				throw new org.studygate.ConflictException("the bucket is not blocked");
			}
		}
		else {
			if (!codes.unblock(row.codeId(), actor)) {
				throw new org.studygate.ConflictException("the bucket is not blocked");
			}
			code = Optional.empty();
		}
		Instant now = clock.instant();
		for (UUID study : store.studiesOf(row.id())) {
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, row.id(),
					newCode ? "CODE_RENEWED" : "UNBLOCKED", AuditOutcome.SUCCESS, Map.of()));
		}
		return code;
	}

	/** A line of the blocked access page: a blocked bucket or a blocked reference number. */
	public record BlockedCode(UUID codeId, Bucket bucket, List<UUID> studyIds, int failedLogins, int failedOtps,
			int failedPincodes, Instant validTo) {

	}

	/** The department's blocked codes; source admins and the service desk. */
	@Transactional(readOnly = true)
	public List<BlockedCode> blocked(Actor actor, String departmentCode) {
		Department department = administered(actor, departmentCode);
		List<BlockedCode> lines = new ArrayList<>();
		for (BucketCodes.CodeStatus status : codes.blocked(department.id().value())) {
			Bucket bucket = status.bucket() ? store.byCode(status.id()).map(this::view).orElse(null) : null;
			lines.add(new BlockedCode(status.id(), bucket, codes.studiesOf(status.id()), status.failedLogins(),
					status.failedOtps(), status.failedPincodes(), status.validTo()));
		}
		return lines;
	}

	/** Unblocks a study's reference number from the blocked page (buckets go through {@link #unblock}). */
	@Transactional
	public Optional<String> unblockReferenceNumber(Actor actor, String departmentCode, UUID codeId, boolean newCode) {
		Department department = administered(actor, departmentCode);
		BucketCodes.CodeStatus status = codes.status(codeId)
			.filter(s -> s.departmentId().equals(department.id().value()) && !s.bucket())
			.orElseThrow(() -> refused(actor, null, "reference number " + codeId + " is not the department's"));
		Optional<String> code = Optional.empty();
		if (newCode) {
			code = codes.unblockWithNewCode(codeId, department, actor).map(IssuedCode::code);
			if (code.isEmpty()) {
				throw new org.studygate.ConflictException("the reference number is not blocked");
			}
		}
		else if (!codes.unblock(codeId, actor)) {
			throw new org.studygate.ConflictException("the reference number is not blocked");
		}
		Instant now = clock.instant();
		for (UUID study : codes.studiesOf(status.id())) {
			events.publishEvent(new ReferenceNumberEvent(now, actor.asAuditActor(), study, codeId, "UNBLOCKED",
					newCode ? "with a new code, from the blocked access page" : "from the blocked access page"));
		}
		return code;
	}

	/** The code of a study's department, for the link from its Access tab to the blocked access page. */
	@Transactional(readOnly = true)
	public String departmentCodeOf(Actor actor, StudyId studyId) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		return departments.find(study.departmentId()).orElseThrow().code().value();
	}

	/** The department whose blocked page the actor may use. */
	@Transactional(readOnly = true)
	public Department administered(Actor actor, String departmentCode) {
		Department department;
		try {
			department = departments.find(new DepartmentCode(departmentCode)).orElse(null);
		}
		catch (RuntimeException ex) {
			department = null;
		}
		if (department == null || !actor.administers(department.id().value())) {
			throw refused(actor, null, "blocked access page of " + departmentCode);
		}
		return department;
	}

	public Validity validity(Department department) {
		ReferenceNumberPolicy policy = department.settings().referenceNumbers();
		LocalDate today = LocalDate.ofInstant(clock.instant(), department.timeZone());
		LocalDate maximum = policy.validityMaximumDays() > 0 ? today.plusDays(policy.validityMaximumDays()) : null;
		LocalDate byDefault = policy.validityDefaultDays() > 0 ? today.plusDays(policy.validityDefaultDays())
				: today.plusMonths(DEFAULT_MONTHS);
		if (maximum != null && byDefault.isAfter(maximum)) {
			byDefault = maximum;
		}
		return new Validity(byDefault, maximum);
	}

	private void checkUntil(Department department, LocalDate until, LocalDate maximum) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), department.timeZone());
		if (until.isBefore(today)) {
			throw new InvalidInputException("validUntil", "must not lie in the past");
		}
		if (maximum != null && until.isAfter(maximum)) {
			throw new InvalidInputException("validUntil", "must not lie beyond the department's maximum, " + maximum);
		}
	}

	private List<Study> printable(Actor actor, List<StudyId> studyIds) {
		if (studyIds == null || studyIds.isEmpty()) {
			throw new InvalidInputException("studyIds", "choose at least one study");
		}
		List<Study> studies = new ArrayList<>();
		for (StudyId id : studyIds.stream().distinct().limit(NewBucket.MAX_STUDIES).toList()) {
			studies.add(access.require(actor, id, Action.LIST).study());
		}
		if (studies.stream().map(Study::departmentId).distinct().count() > 1) {
			throw new InvalidInputException("studyIds", "all studies of a reference number must come from one department");
		}
		UUID department = studies.get(0).departmentId();
		if (!actor.isSourceMemberOf(department)) {
			events.publishEvent(new BucketEvent(clock.instant(), actor.asAuditActor(), studies.get(0).id().value(), null,
					"REFUSED", AuditOutcome.DENIED, Map.of("reason", "printing needs a source user or admin of the department")));
			throw new AccessDeniedException("only the department's source users and admins print reference numbers");
		}
		if (studies.stream().anyMatch(Study::cancelled)) {
			throw new InvalidInputException("studyIds", "a cancelled study cannot be given a reference number");
		}
		return studies;
	}

	/** A bucket of a department the actor serves (admins only when {@code admin}); otherwise not found, logged. */
	private BucketStore.Row served(Actor actor, UUID bucketId, boolean admin) {
		BucketStore.Row row = bucketId == null ? null : store.byId(bucketId).orElse(null);
		if (row == null || !actor.isSourceMemberOf(row.departmentId())) {
			throw refused(actor, bucketId, "bucket of another department or unknown");
		}
		if (admin && !actor.administers(row.departmentId())) {
			events.publishEvent(new BucketEvent(clock.instant(), actor.asAuditActor(), null, bucketId, "REFUSED",
					AuditOutcome.DENIED, Map.of("reason", "unblocking needs a source admin")));
			throw new AccessDeniedException("only source admins and the service desk unblock");
		}
		return row;
	}

	/** The bucket as held by a study whose access the actor manages; otherwise not found, logged. */
	private BucketStore.Row heldRow(Actor actor, StudyId studyId, UUID bucketId) {
		access.require(actor, studyId, Action.MANAGE_ACCESS);
		BucketStore.Row row = bucketId == null ? null : store.byId(bucketId).orElse(null);
		if (row == null || !store.studiesOf(row.id()).contains(studyId.value())) {
			throw refused(actor, bucketId, "bucket does not hold study " + studyId.value());
		}
		return row;
	}

	private NotFoundException refused(Actor actor, UUID bucketId, String reason) {
		events.publishEvent(new BucketEvent(clock.instant(), actor.asAuditActor(), null, bucketId, "REFUSED",
				AuditOutcome.DENIED, Map.of("reason", reason)));
		return new NotFoundException("bucket");
	}

	private Bucket view(BucketStore.Row row) {
		Optional<BucketCodes.CodeStatus> code = codes.status(row.codeId());
		BucketState state = BucketState.valueOf(row.state());
		if (state == BucketState.ACTIVE && row.validUntil() != null && !clock.instant().isBefore(row.validUntil())) {
			state = BucketState.EXPIRED;
		}
		else if (state == BucketState.ACTIVE && code.map(BucketCodes.CodeStatus::blocked).orElse(false)) {
			state = BucketState.BLOCKED;
		}
		List<UUID> studies = store.studiesOf(row.id());
		String recipient = row.recipientMobile() != null ? SmsMessage.mask(row.recipientMobile())
				: row.recipientEmail() != null ? MailAddresses.masked(row.recipientEmail()) : null;
		return new Bucket(row.id(), row.departmentId(), BucketKind.valueOf(row.kind()), row.label(), row.createdBy(),
				row.createdAt(), row.reason(), Verification.valueOf(row.verification()), GrantScope.valueOf(row.scope()),
				row.language(), row.validFrom(), row.validUntil(), state,
				code.map(BucketCodes.CodeStatus::failedOtps).orElse(0),
				code.map(BucketCodes.CodeStatus::failedLogins).orElse(0), studies, recipient, studies.size(),
				row.blockedReason());
	}

}
