package org.studygate.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Plausible Belgian names, birth dates and examinations drawn from one seeded
 * {@link Random}, so that the same seed always gives the same hospital. Surnames are
 * drawn with a skew, as in real life: there are many more Peeters than Mailleux.
 */
final class Catalogue {

	static final List<String> SURNAMES = List.of("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
			"Goossens", "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Leclercq",
			"Vermeulen", "Van den Broeck", "Hermans", "Michiels", "Pauwels", "Dumont", "Declercq", "Smets", "Aerts",
			"De Backer", "Lemaire", "Renard", "Vandenberghe", "Stevens", "Van Damme", "Dewulf", "Cools", "Verhoeven",
			"Segers", "Mathieu", "Gerard", "Lejeune", "Francois", "Hendrickx", "Martens", "Bogaerts", "Claeys", "Wuyts",
			"Verstraete", "Van de Velde", "Lenaerts", "Coppens", "Collard", "Denis", "Bertrand", "Leroy", "Bastin",
			"Michel", "Fontaine", "Dupuis", "Thys", "Van Acker", "Mailleux");

	private static final List<String> FEMALE = List.of("Marie", "Emma", "Louise", "Anna", "Sophie", "Julie", "Lotte",
			"Elise", "Nathalie", "Els", "Ann", "Martine", "Isabelle", "Camille", "Léa", "Sarah", "Laura", "Hanne",
			"Lien", "Nicole", "Chantal", "Monique", "Rita", "Josée");

	private static final List<String> MALE = List.of("Jan", "Luc", "Marc", "Pieter", "Tom", "Bart", "Koen", "Wim",
			"Dirk", "Peter", "Thomas", "Lucas", "Noah", "Louis", "Arthur", "Jules", "Pierre", "Jean", "Philippe",
			"Olivier", "Nicolas", "Maxime", "Jozef", "Guido");

	/**
	 * An examination: modality, description and the usual size of its series and
	 * instances.
	 */
	record Exam(String modality, String description, int series, int instances) {

	}

	private record ExamKind(String modality, String description, int weight, int series, int instances) {

	}

	private static final List<ExamKind> RADIOLOGY = List.of(new ExamKind("CR", "Chest X-ray PA and lateral", 18, 2, 2),
			new ExamKind("CR", "X-ray knee", 6, 1, 3), new ExamKind("CR", "X-ray wrist", 5, 1, 2),
			new ExamKind("CR", "X-ray lumbar spine", 5, 1, 3), new ExamKind("CT", "CT thorax", 7, 4, 450),
			new ExamKind("CT", "CT abdomen and pelvis", 7, 5, 600), new ExamKind("CT", "CT brain", 5, 3, 250),
			new ExamKind("MR", "MR knee", 5, 6, 180), new ExamKind("MR", "MR brain", 5, 8, 400),
			new ExamKind("MR", "MR lumbar spine", 4, 6, 220), new ExamKind("US", "US abdomen", 9, 1, 30),
			new ExamKind("US", "US thyroid", 4, 1, 20), new ExamKind("US", "US breast", 4, 1, 25),
			new ExamKind("MG", "Screening mammography", 5, 1, 4), new ExamKind("MG", "Diagnostic mammography", 2, 1, 6),
			new ExamKind("NM", "Bone scintigraphy", 2, 2, 10), new ExamKind("NM", "Thyroid scintigraphy", 1, 1, 4));

	private static final List<ExamKind> CARDIOLOGY = List.of(new ExamKind("US", "Echocardiography", 40, 1, 60),
			new ExamKind("CT", "CT coronary angiography", 15, 4, 800), new ExamKind("MR", "MR cardiac", 15, 12, 900),
			new ExamKind("NM", "Myocardial perfusion SPECT", 15, 3, 40),
			new ExamKind("CR", "Chest X-ray PA", 15, 1, 1));

	private final Random random;

	private final LocalDate today;

	Catalogue(Random random, LocalDate today) {
		this.random = random;
		this.today = today;
	}

	Random random() {
		return random;
	}

	/** A surname, skewed towards the common ones. */
	String surname() {
		return SURNAMES.get((int) (SURNAMES.size() * Math.pow(random.nextDouble(), 1.8)));
	}

	String givenName(boolean female) {
		List<String> names = female ? FEMALE : MALE;
		return names.get(random.nextInt(names.size()));
	}

	/** A patient: name in DICOM order ({@code Surname^Given}), sex and birth date. */
	record Person(String name, String sex, LocalDate birthDate) {

	}

	Person patient() {
		boolean female = random.nextBoolean();
		int age = (int) (94 * Math.sqrt(random.nextDouble()));
		LocalDate birthDate = today.minusYears(age).minusDays(random.nextInt(365));
		return new Person(surname() + "^" + givenName(female), female ? "F" : "M", birthDate);
	}

	/** A physician's display name. */
	String physicianName() {
		return "Dr " + givenName(random.nextBoolean()) + " " + surname();
	}

	Exam exam(boolean cardiology) {
		List<ExamKind> kinds = cardiology ? CARDIOLOGY : RADIOLOGY;
		int total = kinds.stream().mapToInt(ExamKind::weight).sum();
		int pick = random.nextInt(total);
		for (ExamKind kind : kinds) {
			pick -= kind.weight();
			if (pick < 0) {
				int series = Math.max(1, kind.series() + random.nextInt(3) - 1);
				int instances = Math.max(series, kind.instances() * (75 + random.nextInt(50)) / 100);
				return new Exam(kind.modality(), kind.description(), series, instances);
			}
		}
		throw new IllegalStateException("weights do not add up");
	}

	/**
	 * A study date in the last two years, yesterday at the latest, so that no demo study
	 * lies in the future.
	 */
	LocalDate studyDate() {
		return today.minusDays(1 + random.nextInt(730));
	}

	/** A time in the opening hours of a radiology department, to the minute. */
	LocalTime studyTime() {
		return LocalTime.of(7, 30).plusMinutes(random.nextInt(11 * 60 + 30));
	}

	/** A random (version 4) UUID drawn from the seeded generator. */
	UUID uuid() {
		long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
		long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

}
