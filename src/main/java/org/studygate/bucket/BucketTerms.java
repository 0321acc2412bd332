package org.studygate.bucket;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.studygate.access.GrantScope;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.ActorKind;
import org.studygate.refcode.CodeTerms;

import org.springframework.stereotype.Component;

/**
 * Tells the patient login and the code path what a bucket's code allows (decision 020):
 * the bucket's own verification and scope; a share code asks no birth date, sends its
 * one-time password to the recipient and opens a SHARE_CODE session. Read from the
 * database on every call.
 */
@Component
class BucketTerms implements CodeTerms {

	private final BucketStore store;

	BucketTerms(BucketStore store) {
		this.store = store;
	}

	@Override
	public Optional<Terms> terms(UUID codeId) {
		return store.byCode(codeId).map(row -> {
			boolean shared = BucketKind.SHARED.name().equals(row.kind());
			Verification verification = Verification.valueOf(row.verification());
			return new Terms(verification, GrantScope.IMAGES_REPORT_READ.name().equals(row.scope()), !shared,
					shared ? (row.recipientMobile() != null ? row.recipientMobile() : row.recipientEmail()) : null,
					shared ? ActorKind.SHARE_CODE : ActorKind.PATIENT_CODE);
		});
	}

	@Override
	public Optional<Issuer> issuer(UUID codeId) {
		return store.byCode(codeId).map(row -> new Issuer(row.id(), row.label(), row.kind()));
	}

	@Override
	public Map<UUID, Issuer> issuers(Collection<UUID> codeIds) {
		return store.byCodes(codeIds)
			.stream()
			.collect(Collectors.toMap(BucketStore.Row::codeId, row -> new Issuer(row.id(), row.label(), row.kind())));
	}

}
