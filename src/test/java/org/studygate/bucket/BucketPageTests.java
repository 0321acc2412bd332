package org.studygate.bucket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The bucket pages: the explore page's print button and the share dialog's link, the
 * print form's friendly answer to bad input (nothing created), another department's
 * studies not found, and a share code to an e-mail address from the page.
 */
@StudygateTest
class BucketPageTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	Department department;

	UserId user;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Bucket Pages");
		user = fixtures.sourceUser(department, "Page User");
		study = patients.study(department, 5);
	}

	long buckets() {
		return jdbc.sql("select count(*) from bucket.bucket where department_id = :d")
			.param("d", department.id().value())
			.query(Long.class)
			.single();
	}

	@Test
	void theExplorePageAndTheShareDialogOfferBuckets() throws Exception {
		assertThat(mvc.perform(get("/explore").with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("id=\"print-selected\"");
		String dialog = mvc
			.perform(get("/share").param("studyIds", study.toString()).with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(dialog).contains("id=\"share-without-account\"").contains("/buckets/share?studyIds=" + study);
		String form = mvc
			.perform(get("/buckets/print").param("studyIds", study.toString())
				.with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(form).contains("id=\"print-form\"").contains("OTP_SMS").contains("DOB_ONLY");
	}

	@Test
	void badInputOnThePrintFormIsAnsweredOnTheFormAndCreatesNothing() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/buckets/print").param("studyIds", study.toString())
				.param("verification", "DOB_ONLY")
				.param("scope", "IMAGES")
				.param("reason", "<script>alert(1)</script>")
				.param("language", "fr")
				.with(authentication(fixtures.signedIn(user)))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("id=\"problem\"")
			.contains("The patient must have agreed.")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>");
		MockHttpServletResponse badDate = mvc
			.perform(post("/buckets/print").param("studyIds", study.toString())
				.param("verification", "DOB_ONLY")
				.param("scope", "IMAGES")
				.param("reason", "desk")
				.param("language", "fr")
				.param("patientAgreed", "true")
				.param("validUntil", "yesterday")
				.with(authentication(fixtures.signedIn(user)))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(badDate.getContentAsString()).contains("id=\"problem\"");
		assertThat(buckets()).isZero();

		Department other = fixtures.department("Radiology Bucket Other");
		StudyId foreign = patients.study(other, 5);
		assertThat(mvc
			.perform(get("/buckets/print").param("studyIds", foreign.toString())
				.with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(post("/buckets/print").param("studyIds", foreign.toString())
				.param("verification", "DOB_ONLY")
				.param("scope", "IMAGES")
				.param("reason", "desk")
				.param("language", "en")
				.param("patientAgreed", "true")
				.with(authentication(fixtures.signedIn(user)))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void aShareCodeToAnEmailAddressIsMadeFromThePage() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/buckets/share").param("studyIds", study.toString())
				.param("email", "colleague@example.org")
				.param("scope", "IMAGES_REPORT_READ")
				.param("language", "nl")
				.with(authentication(fixtures.signedIn(user)))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/studies/" + study);
		assertThat(jdbc.sql("""
				select verification || ' ' || scope || ' ' || kind || ' ' || recipient_email from bucket.bucket
				where department_id = :d""").param("d", department.id().value()).query(String.class).single())
			.isEqualTo("OTP_EMAIL IMAGES_REPORT_READ SHARED colleague@example.org");
		MockHttpServletResponse invalid = mvc
			.perform(post("/buckets/share").param("studyIds", study.toString())
				.param("email", "not an address")
				.param("scope", "IMAGES")
				.with(authentication(fixtures.signedIn(user)))
				.with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(invalid.getContentAsString()).contains("That is not an e-mail address.");
		assertThat(buckets()).isEqualTo(1);
	}

}
