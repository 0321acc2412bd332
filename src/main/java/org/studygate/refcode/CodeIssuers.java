package org.studygate.refcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.studygate.directory.ActorKind;

import org.springframework.stereotype.Component;

/**
 * What the modules that issue codes of their own say about them (decision 020), asked
 * afresh every time: the first provider that knows the code answers; a code nobody claims
 * is a study's own reference number and follows its department's policy.
 */
@Component
class CodeIssuers {

	private final List<CodeTerms> providers;

	CodeIssuers(List<CodeTerms> providers) {
		this.providers = List.copyOf(providers);
	}

	/** The terms of the code, empty for a study's own reference number. */
	Optional<CodeTerms.Terms> terms(UUID codeId) {
		for (CodeTerms provider : providers) {
			Optional<CodeTerms.Terms> found = provider.terms(codeId);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	/**
	 * Every provider's terms joined in one statement on the code's id expression
	 * (decision 081), the first provider's found read first; empty when a provider cannot
	 * be joined, so that the caller asks {@link #terms(UUID)}.
	 */
	Optional<JoinedColumns<CodeTerms.Terms>> columns(String codeIdExpression) {
		List<JoinedColumns<CodeTerms.Terms>> all = new ArrayList<>();
		for (CodeTerms provider : providers) {
			Optional<JoinedColumns<CodeTerms.Terms>> columns = provider.columns(codeIdExpression);
			if (columns.isEmpty()) {
				return Optional.empty();
			}
			all.add(columns.get());
		}
		return Optional.of(new JoinedColumns<>(all.stream().map(JoinedColumns::join).collect(Collectors.joining("\n")),
				JoinedColumns.firstFound(all.stream().map(JoinedColumns::reader).toList())));
	}

	/** Who issued the code, empty for a study's own reference number. */
	Optional<CodeTerms.Issuer> issuer(UUID codeId) {
		for (CodeTerms provider : providers) {
			Optional<CodeTerms.Issuer> found = provider.issuer(codeId);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	/**
	 * Who issued the code of each row of a statement, every provider's issuer joined on
	 * the code's id expression, the first provider's found read first
	 * (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md); a
	 * provider that cannot be joined is asked by the code's id, read from the row's
	 * {@code id}. Empty for a study's own reference number.
	 */
	JoinedColumns<CodeTerms.Issuer> issuerColumns(String codeIdExpression) {
		List<String> joins = new ArrayList<>();
		List<JoinedColumns.Reader<CodeTerms.Issuer>> readers = new ArrayList<>();
		for (CodeTerms provider : providers) {
			Optional<JoinedColumns<CodeTerms.Issuer>> columns = provider.issuerColumns(codeIdExpression);
			columns.ifPresent(c -> joins.add(c.join()));
			readers
				.add(columns.map(JoinedColumns::reader).orElse(rs -> provider.issuer(rs.getObject("id", UUID.class))));
		}
		return new JoinedColumns<>(String.join("\n", joins), JoinedColumns.firstFound(readers));
	}

	/** The kind of session a code with these terms opens. */
	static ActorKind sessionKind(Optional<CodeTerms.Terms> terms) {
		return terms.map(CodeTerms.Terms::sessionKind).orElse(ActorKind.PATIENT_CODE);
	}

}
