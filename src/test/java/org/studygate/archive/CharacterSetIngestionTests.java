package org.studygate.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Names in every character set of DICOM PS3.5 arrive decoded (decision 048): one study
 * per Specific Character Set, sent by C-STORE with the department's AE title, is
 * registered with its name in Unicode, listed for the department, and found by an
 * accent-insensitive search and by its ideographic and phonetic forms.
 */
class CharacterSetIngestionTests extends ArchiveTestSupport {

	private static final byte[] ESC = { 0x1b };

	@Autowired
	Studies studies;

	/** Specific Character Set → the name written in it. */
	static Map<String, String> names() {
		Map<String, String> names = new LinkedHashMap<>();
		names.put("ISO_IR 100", "Müller^Hans");
		names.put("ISO_IR 101", "Dvořák^Antonín");
		names.put("ISO_IR 109", "Ħabib^Ġużeppi");
		names.put("ISO_IR 110", "Ķēniņš^Jānis");
		names.put("ISO_IR 144", "Иванов^Иван");
		names.put("ISO_IR 127", "قباني^نزار");
		names.put("ISO_IR 126", "Διονυσίου^Ελένη");
		names.put("ISO_IR 138", "שרון^דבורה");
		names.put("ISO_IR 148", "Çağlar^Şule");
		names.put("ISO_IR 166", "ประเทศ^ไทย");
		names.put("ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ");
		names.put("ISO_IR 192", "Wang^XiaoDong=王^小東=ワン^シャオドン");
		names.put("GB18030", "Zhang^Wei=张^伟=");
		names.put("GBK", "Li^Na=李^娜=");
		names.put("\\ISO 2022 IR 87", "Yamada^Tarou=山田^太郎=やまだ^たろう");
		names.put("\\ISO 2022 IR 87\\ISO 2022 IR 159", "Sato^Ichiro=佐藤^丂郎=");
		names.put("\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동");
		names.put("\\ISO 2022 IR 58", "Zhang^SanFeng=章^三丰=");
		return names;
	}

	@Test
	void registersANameInEverySpecificCharacterSetDecodedAndFindsItAccentInsensitively() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String unique = Fixtures.unique();
		Path directory = Files.createTempDirectory("charsets");
		Map<String, String> uids = new LinkedHashMap<>();
		List<Path> files = new ArrayList<>();
		names().forEach((charset, name) -> {
			String uid = DicomFiles.uid();
			uids.put(charset, uid);
			files.add(DicomHeader.secondaryCapture(uid, 1, 1)
				.set("(0008,0005) CS", charset)
				.set("(0008,0020) DA", "20250505")
				.set("(0010,0020) LO", "CS" + unique + uids.size())
				.set("(0010,0010) PN", encoded(charset, name))
				.write(directory));
		});
		ARCHIVE.send(aet, files);

		UserId user = fixtures.sourceUser(department, "Source");
		for (Map.Entry<String, String> one : uids.entrySet()) {
			ARCHIVE.awaitStable(one.getValue());
			pollUntilIngested(one.getValue());
			StudyId id = studies.findIdByUid(one.getValue()).orElseThrow();
			Study study = studies.find(id).orElseThrow();
			assertThat(study.patient().name()).as(one.getKey()).isEqualTo(names().get(one.getKey()));
			assertThat(study.departmentId()).isEqualTo(department.id().value());
		}

		assertThat(search(user, "muller", null)).contains(id(uids, "ISO_IR 100"))
			.doesNotContain(id(uids, "ISO_IR 101"));
		assertThat(search(user, "MÜLLER", "de")).contains(id(uids, "ISO_IR 100"));
		assertThat(search(user, "dvorak", "fr")).contains(id(uids, "ISO_IR 101"));
		assertThat(search(user, "caglar", "nl")).contains(id(uids, "ISO_IR 148"));
		assertThat(search(user, "διονυσιου", null)).contains(id(uids, "ISO_IR 126"));
		assertThat(search(user, "иванов", null)).contains(id(uids, "ISO_IR 144"));
		assertThat(search(user, "山田", null)).contains(id(uids, "\\ISO 2022 IR 87"));
		assertThat(search(user, "やまだ", null)).contains(id(uids, "\\ISO 2022 IR 87"));
		assertThat(search(user, "yamada", null)).contains(id(uids, "\\ISO 2022 IR 87"));
		assertThat(search(user, "홍", null)).contains(id(uids, "\\ISO 2022 IR 149"));
		assertThat(search(user, "王", null)).contains(id(uids, "ISO_IR 192"));
		assertThat(search(user, "ワン", null)).contains(id(uids, "ISO_IR 192"));
		String list = search(user, "yamada", null);
		assertThat(list).contains("Yamada, Tarou").contains("title=\"山田, 太郎 · やまだ, たろう\"");
	}

	@Test
	void findsJeromeByJeromeAndStrasseByStrasse() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String unique = Fixtures.unique();
		Path directory = Files.createTempDirectory("accents");
		String jerome = DicomFiles.uid();
		String strasse = DicomFiles.uid();
		ARCHIVE.send(aet,
				List.of(DicomHeader.secondaryCapture(jerome, 1, 1)
					.set("(0008,0005) CS", "ISO_IR 100")
					.set("(0010,0020) LO", "J" + unique)
					.set("(0010,0010) PN", "Jérôme^Anne")
					.encoded(StandardCharsets.ISO_8859_1)
					.write(directory),
						DicomHeader.secondaryCapture(strasse, 1, 1)
							.set("(0008,0005) CS", "ISO_IR 192")
							.set("(0010,0020) LO", "S" + unique)
							.set("(0010,0010) PN", "Straße^Łukasz")
							.encoded(StandardCharsets.UTF_8)
							.write(directory)));
		ARCHIVE.awaitStable(jerome);
		ARCHIVE.awaitStable(strasse);
		pollUntilIngested(jerome);
		pollUntilIngested(strasse);
		UserId user = fixtures.sourceUser(department, "Source");

		assertThat(search(user, "jerome", "fr")).contains(studies.findIdByUid(jerome).orElseThrow().toString());
		assertThat(search(user, "strasse", "de")).contains(studies.findIdByUid(strasse).orElseThrow().toString());
		assertThat(search(user, "jerome", "nl")).doesNotContain(studies.findIdByUid(strasse).orElseThrow().toString());
	}

	@Test
	void registersAStudyStoredThroughStowRsByItsInstitutionWithItsNameDecodedAndItsBirthDateUnknown() throws Exception {
		Department department = fixtures.department("Radiology by STOW");
		String institution = "Городская больница " + Fixtures.unique();
		departments.changeSettings(org.studygate.directory.Actor.systemOperator("test"), department.code().value(),
				settings -> settings.withArchive(
						new org.studygate.department.ArchiveMatching(List.of(), List.of(institution.toUpperCase()))));
		String uid = DicomFiles.uid();
		Path file = DicomHeader.secondaryCapture(uid, 1, 1)
			.set("(0008,0005) CS", "ISO_IR 144")
			.set("(0008,0080) LO", institution)
			.set("(0010,0020) LO", "STOW" + Fixtures.unique())
			.set("(0010,0010) PN", "Петров^Пётр")
			.set("(0010,0030) DA", "")
			.encoded(Charset.forName("ISO-8859-5"))
			.write(Files.createTempDirectory("stow"));
		String boundary = "studygate-" + Fixtures.unique();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(
				("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(Files.readAllBytes(file));
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

		var answer = ARCHIVE.post("/dicom-web/studies", body.toByteArray(),
				"multipart/related; type=\"application/dicom\"; boundary=" + boundary);
		assertThat(answer.path("status").asInt(200)).as(answer.toString()).isLessThan(300);
		ARCHIVE.awaitStable(uid);
		pollUntilIngested(uid);

		Study study = studies.find(studies.findIdByUid(uid).orElseThrow()).orElseThrow();
		assertThat(study.departmentId()).isEqualTo(department.id().value());
		assertThat(study.patient().name()).isEqualTo("Петров^Пётр");
		assertThat(study.patient().birthDate()).isNull();
		UserId user = fixtures.sourceUser(department, "Source");
		assertThat(search(user, "петров", null)).contains(study.id().toString()).contains("Петров, Пётр");
		assertThat(search(user, "сидоров", null)).doesNotContain(study.id().toString());
	}

	String id(Map<String, String> uids, String charset) {
		return studies.findIdByUid(uids.get(charset)).orElseThrow().toString();
	}

	String search(UserId user, String patient, String language) throws Exception {
		var request = get("/explore").param("patient", patient).with(authentication(fixtures.signedIn(user)));
		if (language != null) {
			request.cookie(new Cookie("studygate-lang", language));
		}
		return mvc.perform(request).andReturn().getResponse().getContentAsString();
	}

	/**
	 * The name's bytes in the character set, as a modality of that country writes them.
	 */
	static byte[] encoded(String charset, String name) {
		return switch (charset) {
			case "ISO_IR 100" -> name.getBytes(StandardCharsets.ISO_8859_1);
			case "ISO_IR 101" -> name.getBytes(Charset.forName("ISO-8859-2"));
			case "ISO_IR 109" -> name.getBytes(Charset.forName("ISO-8859-3"));
			case "ISO_IR 110" -> name.getBytes(Charset.forName("ISO-8859-4"));
			case "ISO_IR 144" -> name.getBytes(Charset.forName("ISO-8859-5"));
			case "ISO_IR 127" -> name.getBytes(Charset.forName("ISO-8859-6"));
			case "ISO_IR 126" -> name.getBytes(Charset.forName("ISO-8859-7"));
			case "ISO_IR 138" -> name.getBytes(Charset.forName("ISO-8859-8"));
			case "ISO_IR 148" -> name.getBytes(Charset.forName("ISO-8859-9"));
			case "ISO_IR 166" -> name.getBytes(Charset.forName("TIS-620"));
			case "ISO_IR 13" -> name.getBytes(Charset.forName("JIS_X0201"));
			case "ISO_IR 192" -> name.getBytes(StandardCharsets.UTF_8);
			case "GB18030" -> name.getBytes(Charset.forName("GB18030"));
			case "GBK" -> name.getBytes(Charset.forName("GBK"));
			case "\\ISO 2022 IR 87" -> name.getBytes(Charset.forName("ISO-2022-JP"));
			case "\\ISO 2022 IR 87\\ISO 2022 IR 159" -> name.getBytes(Charset.forName("ISO-2022-JP-2"));
			case "\\ISO 2022 IR 149" -> iso2022Gr(name, "$)C", Charset.forName("EUC-KR"));
			case "\\ISO 2022 IR 58" -> iso2022Gr(name, "$)A", Charset.forName("GB2312"));
			default -> throw new IllegalArgumentException(charset);
		};
	}

	/**
	 * An ISO 2022 value whose multi-byte set is designated to G1 and written in GR, as
	 * PS3.5 prescribes for Korean and simplified Chinese: each run of non-ASCII
	 * characters is preceded by the escape sequence.
	 */
	static byte[] iso2022Gr(String text, String escape, Charset set) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StringBuilder run = new StringBuilder();
		for (char c : (text + "\u0000").toCharArray()) {
			if (c >= 0x80) {
				run.append(c);
				continue;
			}
			if (run.length() > 0) {
				out.writeBytes(ESC);
				out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
				out.writeBytes(run.toString().getBytes(set));
				run.setLength(0);
			}
			if (c != 0) {
				out.write(c);
			}
		}
		return out.toByteArray();
	}

}
