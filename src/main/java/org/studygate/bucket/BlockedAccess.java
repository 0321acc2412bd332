package org.studygate.bucket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.refcode.BucketCodes;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.ReferenceNumberEvent;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A department's blocked access page: its buckets and reference numbers blocked by failed
 * attempts, and their unblocking (counters start again; optionally the old code dies and
 * a new one is answered in clear this once). For the department's source admins and the
 * service desk; anybody else finds no such page, and the refusal is logged.
 */
@Service
public class BlockedAccess {

	private final BucketStore store;

	private final BucketReader reader;

	private final BucketCodes codes;

	private final AccessControl access;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BlockedAccess(BucketStore store, BucketReader reader, BucketCodes codes, AccessControl access,
			Departments departments, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.reader = reader;
		this.codes = codes;
		this.access = access;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A line of the blocked access page: a blocked bucket or a blocked reference number.
	 */
	public record BlockedCode(UUID codeId, Bucket bucket, List<UUID> studyIds, int failedLogins, int failedOtps,
			int failedPincodes, Instant validTo) {

	}

	/** The department's blocked codes. */
	@Transactional(readOnly = true)
	public List<BlockedCode> blocked(Actor actor, String departmentCode) {
		Department department = administered(actor, departmentCode);
		List<BlockedCode> lines = new ArrayList<>();
		for (BucketCodes.CodeStatus status : codes.blocked(department.id().value())) {
			Bucket bucket = status.bucket() ? store.byCode(status.id()).map(reader::view).orElse(null) : null;
			lines.add(new BlockedCode(status.id(), bucket, codes.studiesOf(status.id()), status.failedLogins(),
					status.failedOtps(), status.failedPincodes(), status.validTo()));
		}
		return lines;
	}

	/**
	 * Unblocks a bucket whose code was blocked by failed attempts: counters start again;
	 * with {@code newCode} the old code dies and a new one is answered in clear this
	 * once. A bucket blocked for what it holds (decision 031) stays blocked: only its
	 * removal ends it.
	 */
	@Transactional
	public Optional<String> unblock(Actor actor, BucketId bucketId, boolean newCode) {
		BucketStore.Row row = reader.served(actor, bucketId, true);
		if (BucketState.BLOCKED.name().equals(row.state())) {
			throw new ConflictException("the bucket is blocked: " + row.blockedReason());
		}
		Department department = departments.find(row.departmentId()).orElseThrow();
		Optional<String> code = renew(row.codeId(), department, actor, newCode, "the bucket is not blocked");
		Instant now = clock.instant();
		for (UUID study : store.studiesOf(row.id())) {
			events.publishEvent(new BucketEvent(now, actor.asAuditActor(), study, row.id(),
					newCode ? "CODE_RENEWED" : "UNBLOCKED", AuditOutcome.SUCCESS, Map.of()));
		}
		return code;
	}

	/**
	 * Unblocks a study's reference number from the blocked page (buckets go through
	 * {@link #unblock}).
	 */
	@Transactional
	public Optional<String> unblockReferenceNumber(Actor actor, String departmentCode, UUID codeId, boolean newCode) {
		Department department = administered(actor, departmentCode);
		BucketCodes.CodeStatus status = codes.status(codeId)
			.filter(s -> s.departmentId().equals(department.id().value()) && !s.bucket())
			.orElseThrow(() -> reader.refused(actor, null, "reference number " + codeId + " is not the department's"));
		Optional<String> code = renew(codeId, department, actor, newCode, "the reference number is not blocked");
		Instant now = clock.instant();
		for (UUID study : codes.studiesOf(status.id())) {
			events.publishEvent(new ReferenceNumberEvent(now, actor.asAuditActor(), study, codeId, "UNBLOCKED",
					newCode ? "with a new code, from the blocked access page" : "from the blocked access page"));
		}
		return code;
	}

	/**
	 * Unblocks the code, with a new one in clear when {@code newCode}; a code not blocked
	 * is a conflict.
	 */
	private Optional<String> renew(UUID codeId, Department department, Actor actor, boolean newCode,
			String notBlocked) {
		if (newCode) {
			Optional<String> code = codes.unblockWithNewCode(codeId, department, actor).map(IssuedCode::code);
			if (code.isEmpty()) {
				throw new ConflictException(notBlocked);
			}
			return code;
		}
		if (!codes.unblock(codeId, actor)) {
			throw new ConflictException(notBlocked);
		}
		return Optional.empty();
	}

	/**
	 * The code of a study's department, for the link from its Access tab to the blocked
	 * access page.
	 */
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
			throw reader.refused(actor, null, "blocked access page of " + departmentCode);
		}
		return department;
	}

}
