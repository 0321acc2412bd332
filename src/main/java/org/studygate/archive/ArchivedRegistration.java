package org.studygate.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.studygate.department.Department;
import org.studygate.study.StudyDateSource;
import org.studygate.study.StudyRegistration;

/**
 * A study of the archive as the registry takes it (decision 047): only its Study Instance
 * UID and its department are required. Type-2 attributes left empty, or not readable as
 * their type, are unknown; the date falls back from the study date to the series,
 * acquisition and content dates, then to the arrival of the images.
 *
 * @param registration what is registered
 * @param dateSource where its date came from
 */
record ArchivedRegistration(StudyRegistration registration, StudyDateSource dateSource) {

	private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final Pattern ACCESSION = Pattern.compile("^[\\p{L}\\p{N} ._/:#-]{1,16}$");

	private static final Pattern MODALITY = Pattern.compile("[A-Z]{2,8}");

	static ArchivedRegistration of(ArchivedStudy archived, String uid, Department department,
			StudyRegistration.OrderData order, Instant arrival) {
		Dated dated = dated(archived, department, arrival);
		String modality = archived.modalities()
			.stream()
			.filter(m -> MODALITY.matcher(m).matches())
			.findFirst()
			.orElse("OT");
		StudyRegistration registration = new StudyRegistration(uid, accession(archived), department.code().value(),
				dated.date(), dated.time(), modality, truncated(archived.tag("StudyDescription"), 256),
				archived.seriesCount(), archived.instanceCount(),
				new StudyRegistration.PatientData(patientId(archived.tag("PatientID")),
						truncated(archived.tag("PatientName"), 200), date(archived.tag("PatientBirthDate")),
						sex(archived.tag("PatientSex")), null, null, null),
				order);
		return new ArchivedRegistration(registration, dated.source());
	}

	/** The accession number, when it is one the registry can keep. */
	static String accession(ArchivedStudy archived) {
		String accession = archived.tag("AccessionNumber");
		return accession != null && ACCESSION.matcher(accession).matches() ? accession : null;
	}

	private record Dated(LocalDate date, LocalTime time, StudyDateSource source) {

	}

	private static Dated dated(ArchivedStudy archived, Department department, Instant arrival) {
		List<String[]> candidates = List.of(new String[] { "StudyDate", "StudyTime", "STUDY" },
				new String[] { "SeriesDate", "SeriesTime", "SERIES" },
				new String[] { "AcquisitionDate", "AcquisitionTime", "ACQUISITION" },
				new String[] { "ContentDate", "ContentTime", "CONTENT" });
		for (String[] candidate : candidates) {
			LocalDate date = date(archived.tag(candidate[0]));
			if (date != null && date.getYear() >= 1900 && date.getYear() <= 2999) {
				return new Dated(date, time(archived.tag(candidate[1])), StudyDateSource.valueOf(candidate[2]));
			}
		}
		LocalDateTime arrived = LocalDateTime.ofInstant(arrival, department.timeZone());
		return new Dated(arrived.toLocalDate(), arrived.toLocalTime().withNano(0), StudyDateSource.ARRIVAL);
	}

	/** A DICOM date (DA), {@code null} when empty or not one. */
	static LocalDate date(String value) {
		if (value == null) {
			return null;
		}
		String digits = value.strip().replace(".", "").replace("-", "");
		try {
			LocalDate date = LocalDate.parse(digits.substring(0, Math.min(8, digits.length())), DICOM_DATE);
			return date.getYear() < 1850 ? null : date;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** A DICOM time (TM), {@code null} when empty or not one. */
	static LocalTime time(String value) {
		if (value == null) {
			return null;
		}
		String digits = value.strip().replace(":", "");
		int dot = digits.indexOf('.');
		if (dot >= 0) {
			digits = digits.substring(0, dot);
		}
		try {
			int hour = digits.length() >= 2 ? Integer.parseInt(digits.substring(0, 2)) : 0;
			int minute = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
			int second = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
			return LocalTime.of(hour, minute, Math.min(second, 59));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String sex(String value) {
		if (value == null) {
			return null;
		}
		String sex = value.strip().toUpperCase(Locale.ROOT);
		return List.of("M", "F", "O").contains(sex) ? sex : null;
	}

	private static String patientId(String value) {
		return value == null || value.length() > 64 || value.chars().anyMatch(Character::isISOControl) ? null : value;
	}

	private static String truncated(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}

}
