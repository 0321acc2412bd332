package org.studygate.department;

import java.util.List;
import java.util.Set;

import org.studygate.InvalidInputException;

/**
 * The settings of a department (docs/product/02-domain.md). Each capability adds its own
 * part here; absent parts take their defaults, so that settings stored before a part
 * existed keep working.
 *
 * @param languages the languages of the department's letters and patient pages (EN, NL,
 * FR, DE)
 * @param shareValidityDefaultDays how long a share lasts when the sharer names no end
 * @param shareValidityMaximumDays the longest a share may last; enforced on the server
 * @param breakGlass the break-the-glass policy
 * @param referenceNumbers the reference-number policy
 * @param archive how studies from the image archive are matched to the department
 * @param rsw whether and where the department publishes to the regional health network
 * @param reportRelease when a final report becomes available to the patient
 * @param ris how the department's RIS messages are recognised and read
 * @param twoFactorRequired whether every member of the department's source groups must
 * sign in with a second factor (docs/decisions/065-two-factor-policy-and-codes.md)
 */
public record DepartmentSettings(List<String> languages, Integer shareValidityDefaultDays,
		Integer shareValidityMaximumDays, BreakGlassPolicy breakGlass, ReferenceNumberPolicy referenceNumbers,
		ArchiveMatching archive, RswPublishing rsw, ReportRelease reportRelease, RisSettings ris,
		Boolean twoFactorRequired) {

	public static final Set<String> SUPPORTED_LANGUAGES = Set.of("en", "nl", "fr", "de");

	public DepartmentSettings {
		languages = languages == null || languages.isEmpty() ? List.of("en", "nl", "fr", "de") : List.copyOf(languages);
		for (String language : languages) {
			if (!SUPPORTED_LANGUAGES.contains(language)) {
				throw new InvalidInputException("languages", "each must be one of en, nl, fr, de");
			}
		}
		shareValidityDefaultDays = shareValidityDefaultDays == null ? 30 : shareValidityDefaultDays;
		shareValidityMaximumDays = shareValidityMaximumDays == null ? 365 : shareValidityMaximumDays;
		if (shareValidityDefaultDays < 1 || shareValidityMaximumDays < 1) {
			throw new InvalidInputException("shareValidityDefaultDays", "validities must be at least one day");
		}
		if (shareValidityDefaultDays > shareValidityMaximumDays) {
			throw new InvalidInputException("shareValidityDefaultDays", "must not exceed the maximum");
		}
		breakGlass = breakGlass == null ? BreakGlassPolicy.defaults() : breakGlass;
		referenceNumbers = referenceNumbers == null ? ReferenceNumberPolicy.defaults() : referenceNumbers;
		archive = archive == null ? ArchiveMatching.defaults() : archive;
		rsw = rsw == null ? RswPublishing.defaults() : rsw;
		reportRelease = reportRelease == null ? ReportRelease.defaults() : reportRelease;
		ris = ris == null ? RisSettings.defaults() : ris;
		twoFactorRequired = twoFactorRequired != null && twoFactorRequired;
	}

	public static DepartmentSettings defaults() {
		return new DepartmentSettings(null, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * These settings with other general parts (languages and share validities), the
	 * policies kept.
	 */
	public DepartmentSettings withGeneral(List<String> languages, Integer shareValidityDefaultDays,
			Integer shareValidityMaximumDays) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, breakGlass,
				referenceNumbers, archive, rsw, reportRelease, ris, twoFactorRequired);
	}

	public DepartmentSettings withBreakGlass(BreakGlassPolicy policy) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, policy,
				referenceNumbers, archive, rsw, reportRelease, ris, twoFactorRequired);
	}

	public DepartmentSettings withReferenceNumbers(ReferenceNumberPolicy policy) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, breakGlass, policy,
				archive, rsw, reportRelease, ris, twoFactorRequired);
	}

	public DepartmentSettings withRsw(RswPublishing publishing) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, breakGlass,
				referenceNumbers, archive, publishing, reportRelease, ris, twoFactorRequired);
	}

	public DepartmentSettings withReportRelease(ReportRelease release) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, breakGlass,
				referenceNumbers, archive, rsw, release, ris, twoFactorRequired);
	}

	public DepartmentSettings withRisSettings(RisSettings feed) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, breakGlass,
				referenceNumbers, archive, rsw, reportRelease, feed, twoFactorRequired);
	}

	public DepartmentSettings withArchive(ArchiveMatching matching) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, breakGlass,
				referenceNumbers, matching, rsw, reportRelease, ris, twoFactorRequired);
	}

	public DepartmentSettings withTwoFactorRequired(boolean required) {
		return new DepartmentSettings(languages, shareValidityDefaultDays, shareValidityMaximumDays, breakGlass,
				referenceNumbers, archive, rsw, reportRelease, ris, required);
	}

}
