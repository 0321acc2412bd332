package org.studygate.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.studygate.InvalidInputException;

/**
 * The period a FHIR {@code date} search names: each value a date or dateTime with the
 * prefix ge, gt, le, lt or eq (none = eq), repeatable, all of them applying. A date
 * covers its whole day.
 *
 * @param from the first instant searched
 * @param to the end of the period, never before {@code from}
 */
public record FhirDateSearch(Instant from, Instant to) {

	/** The period of the given {@code date} parameters; none = all time. */
	public static FhirDateSearch parse(List<String> dates) {
		Instant from = Instant.EPOCH;
		Instant to = Instant.parse("9999-12-31T00:00:00Z");
		for (String date : dates == null ? List.<String>of() : dates) {
			if (date.length() < 4) {
				throw new InvalidInputException("date", "is not a FHIR date search");
			}
			String prefix = Character.isLetter(date.charAt(0)) ? date.substring(0, 2) : "eq";
			String value = Character.isLetter(date.charAt(0)) ? date.substring(2) : date;
			Instant start = start(value);
			Instant end = end(value, start);
			switch (prefix) {
				case "ge" -> from = later(from, start);
				case "gt" -> from = later(from, end);
				case "le" -> to = earlier(to, end);
				case "lt" -> to = earlier(to, start);
				case "eq" -> {
					from = later(from, start);
					to = earlier(to, end);
				}
				default -> throw new InvalidInputException("date", "prefix must be ge, gt, le, lt or eq");
			}
		}
		return new FhirDateSearch(from, to.isAfter(from) ? to : from);
	}

	private static Instant start(String value) {
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("date", "is not a FHIR date or dateTime");
		}
	}

	/** The end of the precision given: a date covers its whole day. */
	private static Instant end(String value, Instant start) {
		return value.length() == 10 ? start.plusSeconds(86_400) : start.plusMillis(1);
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
