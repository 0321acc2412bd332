package org.studygate.bucket;

import java.util.Optional;
import java.util.UUID;

import org.studygate.access.GrantScope;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.ActorKind;
import org.studygate.refcode.CodeTerms;
import org.studygate.refcode.JoinedColumns;

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
		return store.byCode(codeId)
			.map(row -> terms(row.kind(), row.verification(), row.scope(), row.recipientMobile(),
					row.recipientEmail()));
	}

	/**
	 * The bucket of the code joined in the login's first statement (decision 081): the
	 * columns {@link #terms(UUID)} reads, from the same table.
	 */
	@Override
	public Optional<JoinedColumns<Terms>> columns(String codeIdExpression) {
		return Optional.of(new JoinedColumns<>("""
				left join lateral (select kind as x_bucket_kind, verification as x_bucket_verification,
				    scope as x_bucket_scope, recipient_mobile as x_bucket_mobile, recipient_email as x_bucket_email
				  from bucket.bucket where code_id = (%s)) x_bucket on true
				""".formatted(codeIdExpression),
				rs -> rs.getString("x_bucket_kind") == null ? Optional.empty()
						: Optional.of(terms(rs.getString("x_bucket_kind"), rs.getString("x_bucket_verification"),
								rs.getString("x_bucket_scope"), rs.getString("x_bucket_mobile"),
								rs.getString("x_bucket_email")))));
	}

	private static Terms terms(String kind, String verification, String scope, String mobile, String email) {
		boolean shared = BucketKind.SHARED.name().equals(kind);
		return new Terms(Verification.valueOf(verification), GrantScope.IMAGES_REPORT_READ.name().equals(scope),
				!shared, shared ? (mobile != null ? mobile : email) : null,
				shared ? ActorKind.SHARE_CODE : ActorKind.PATIENT_CODE);
	}

	@Override
	public Optional<Issuer> issuer(UUID codeId) {
		return store.byCode(codeId).map(row -> new Issuer(row.id(), row.label(), row.kind()));
	}

	/** The bucket that holds the code, joined on its id (decision 087). */
	@Override
	public Optional<JoinedColumns<Issuer>> issuerColumns(String codeIdExpression) {
		return Optional.of(new JoinedColumns<>("""
				left join lateral (select id as x_bucket_issuer_id, label as x_bucket_issuer_label,
				    kind as x_bucket_issuer_kind from bucket.bucket where code_id = (%s)) x_bucket_issuer on true
				""".formatted(codeIdExpression),
				rs -> rs.getObject("x_bucket_issuer_id") == null ? Optional.empty()
						: Optional.of(new Issuer(rs.getObject("x_bucket_issuer_id", UUID.class),
								rs.getString("x_bucket_issuer_label"), rs.getString("x_bucket_issuer_kind")))));
	}

}
