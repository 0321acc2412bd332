package org.studygate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.studygate.access.AccessDenied;
import org.studygate.access.AccessExplained;
import org.studygate.access.AccessGranted;
import org.studygate.access.AccessTabOpened;
import org.studygate.access.GrantWithdrawn;
import org.studygate.access.ShareNotificationQueued;
import org.studygate.access.StudyShared;
import org.studygate.archive.ImagesRetrieved;
import org.studygate.archive.StudyArrived;
import org.studygate.archive.UnmatchedStudyAssigned;
import org.studygate.audit.AuditableEvent;
import org.studygate.breakglass.EmergencyAccessSearched;
import org.studygate.breakglass.StudyUnlocked;
import org.studygate.breakglass.UnlockExpired;
import org.studygate.breakglass.UnlockRefused;
import org.studygate.breakglass.UnlockReviewed;
import org.studygate.breakglass.UnlockRevoked;
import org.studygate.directory.LoginAttempted;
import org.studygate.explore.AuditLogRead;
import org.studygate.explore.StudiesListed;
import org.studygate.explore.StudyLogRead;
import org.studygate.explore.StudyOpened;
import org.studygate.refcode.PatientLoginAttempted;
import org.studygate.refcode.PatientStudyOpened;
import org.studygate.refcode.ReferenceNumberEvent;
import org.studygate.rsw.PublicationAttempted;
import org.studygate.rsw.PublicationQueued;
import org.studygate.study.BirthDateEntered;
import org.studygate.study.StudyRegistered;
import org.studygate.transfer.DestinationChanged;
import org.studygate.transfer.ForwardEnded;
import org.studygate.transfer.ForwardRequested;
import org.studygate.transfer.StudyDownloaded;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actions that must be auditable, each with the event that records it: THE list a new
 * feature extends (report read, images, download, forward, unlock, codes, RSW, patient
 * login). It fails when a listed event is published nowhere, and when an event exists
 * that the list does not name. Each surface's own test proves its entry appears
 * ({@code StudyLogTests}, {@code AccessLogWriterTests}).
 */
class AuditCoverageTests {

	/** Action (as written in the log) → the event that writes it. */
	static final Map<String, Class<? extends AuditableEvent>> AUDITED = new LinkedHashMap<>();

	static {
		AUDITED.put("STUDIES_LISTED", StudiesListed.class);
		AUDITED.put("STUDY_OPENED", StudyOpened.class);
		AUDITED.put("<refused action> (DENIED)", AccessDenied.class);
		AUDITED.put("STAFF_LOGIN (SUCCESS, FAILURE)", LoginAttempted.class);
		AUDITED.put("STUDY_REGISTERED", StudyRegistered.class);
		AUDITED.put("BIRTH_DATE_ENTERED (SUCCESS, DENIED)", BirthDateEntered.class);
		AUDITED.put("UNMATCHED_STUDY_ASSIGNED (SUCCESS, DENIED)", UnmatchedStudyAssigned.class);
		AUDITED.put("STUDY_CANCELLED, STUDY_UNCANCELLED", org.studygate.study.StudyCancelled.class);
		AUDITED.put("REPORT_READ", org.studygate.ris.ReportRead.class);
		AUDITED.put("REPORT_RELEASED (SUCCESS)", org.studygate.ris.ReportReleased.class);
		AUDITED.put("ORDER_PLACED (SUCCESS, DENIED)", org.studygate.ris.OrderPlaced.class);
		AUDITED.put("PATIENT_MERGED", org.studygate.study.PatientMerged.class);
		AUDITED.put("STUDY_LOG_READ", StudyLogRead.class);
		AUDITED.put("AUDIT_EXPORT_READ", AuditLogRead.class);
		AUDITED.put("ACCESS_GRANTED", AccessGranted.class);
		AUDITED.put("GRANT_WITHDRAWN", GrantWithdrawn.class);
		AUDITED.put("STUDY_RESTRICTED, STUDY_UNRESTRICTED", org.studygate.access.StudyRestricted.class);
		AUDITED.put("ACCESS_EXCLUDED, EXCLUSION_RESTORED", org.studygate.access.AccessExcluded.class);
		AUDITED.put("STUDY_SHARED", StudyShared.class);
		AUDITED.put("SHARE_NOTIFICATION_QUEUED", ShareNotificationQueued.class);
		AUDITED.put("ACCESS_TAB_OPENED", AccessTabOpened.class);
		AUDITED.put("ACCESS_EXPLAINED", AccessExplained.class);
		AUDITED.put("EMERGENCY_ACCESS_SEARCHED", EmergencyAccessSearched.class);
		AUDITED.put("STUDY_UNLOCKED (Emergency Override Started)", StudyUnlocked.class);
		AUDITED.put("UNLOCK_REFUSED (DENIED)", UnlockRefused.class);
		AUDITED.put("UNLOCK_EXPIRED (Emergency Override Stopped)", UnlockExpired.class);
		AUDITED.put("UNLOCK_REVOKED (Emergency Override Stopped)", UnlockRevoked.class);
		AUDITED.put("UNLOCK_REVIEWED", UnlockReviewed.class);
		AUDITED.put(
				"REFERENCE_NUMBER_ISSUED, _REVEALED, _PINCODE_REVEALED, _WITHDRAWN, _SUPERSEDED, _UNBLOCKED, _PAYMENT_RECEIVED",
				ReferenceNumberEvent.class);
		AUDITED.put(
				"PATIENT_LOGIN, PATIENT_OTP, PATIENT_PAYMENT, PATIENT_PINCODE, REFERENCE_NUMBER_CLAIM (SUCCESS, FAILURE)",
				PatientLoginAttempted.class);
		AUDITED.put("STUDY_OPENED (patient portal)", PatientStudyOpened.class);
		AUDITED.put("STUDY_ARRIVED", StudyArrived.class);
		AUDITED.put("IMAGES_RETRIEVED", ImagesRetrieved.class);
		AUDITED.put("STUDIES_QUERIED (QIDO-RS)", org.studygate.archive.StudiesQueried.class);
		AUDITED.put("RSW_SEND (queued on arrival or by \"Send\"; PrivacyDisclosure)", PublicationQueued.class);
		AUDITED.put("RSW_SENT (SUCCESS, FAILURE; PrivacyDisclosure)", PublicationAttempted.class);
		AUDITED.put(
				"BUCKET_CREATED, _LETTER_PRINTED, _STUDY_REMOVED, _REMOVED, _UNBLOCKED, _CODE_RENEWED, _REFUSED (DENIED)",
				org.studygate.bucket.BucketEvent.class);
		AUDITED.put("BUCKET_SHARE_CODE_QUEUED", org.studygate.bucket.ShareCodeQueued.class);
		AUDITED.put("FORWARD_REQUESTED", ForwardRequested.class);
		AUDITED.put("FORWARDED, FORWARD_FAILED, FORWARD_CANCELLED", ForwardEnded.class);
		AUDITED.put("DOWNLOADED (with the format)", StudyDownloaded.class);
		AUDITED.put(
				"MEMBERSHIP_INVITED, _ACCEPTED, _DECLINED, _ADDED, _CHANGED, _REMOVED, _LEFT, _CONFIRMED (also by the reminder link), _ACCEPT_REFUSED, _DECLINE_REFUSED, _LEAVE_REFUSED, _CONFIRM_REFUSED (DENIED)",
				org.studygate.directory.MembershipChanged.class);
		AUDITED.put("GROUP_SHARING_CHANGED (members see each other's studies)",
				org.studygate.directory.GroupSharingChanged.class);
		AUDITED.put("PRACTICE_SHARING_CHANGED (a physician's own choice, old → new)",
				org.studygate.directory.PracticeSharingChanged.class);
		AUDITED.put("USER_CREATED", org.studygate.directory.UserCreated.class);
		AUDITED.put("USER_CHANGED (old → new per field)", org.studygate.directory.UserChanged.class);
		AUDITED.put("DEPARTMENT_CREATED, _CHANGED, _SETTINGS_CHANGED (old → new per field)",
				org.studygate.department.DepartmentChanged.class);
		AUDITED.put("SOURCE_MEMBER_ADDED, _REMOVED", org.studygate.department.DepartmentStaffChanged.class);
		AUDITED.put("USER_LOCKED (by failures, until; or by the service desk)",
				org.studygate.directory.UserLocked.class);
		AUDITED.put("USER_UNLOCKED (by the service desk)", org.studygate.directory.UserUnlocked.class);
		AUDITED.put("USER_LOCKED, USER_UNLOCKED (DENIED: not the service desk)",
				org.studygate.directory.AccountActionRefused.class);
		AUDITED.put("USER_PASSWORD_CHANGED", org.studygate.directory.PasswordChanged.class);
		AUDITED.put(
				"USER_TWO_FACTOR_ENABLED, USER_RECOVERY_CODES_RENEWED, USER_TWO_FACTOR_RESET (service desk), USER_TWO_FACTOR_TURNED_OFF (by the user; DENIED for the service desk)",
				org.studygate.directory.TwoFactorChanged.class);
		AUDITED.put("TOKEN_REVOKED, TOKEN_REVOKE_REFUSED (DENIED)", org.studygate.directory.TokenRevoked.class);
		AUDITED.put("GIVING_REFUSED (DENIED)", org.studygate.access.GivingRefused.class);
		AUDITED.put("TRANSFER_DESTINATION_SAVED, _REMOVED, _REFUSED (DENIED), _NOT_ALLOWED (DENIED); administration",
				DestinationChanged.class);
		AUDITED.put("DOWNLOADED (original DICOM through the DICOMweb gateway, format dicom)",
				org.studygate.archive.OriginalsRetrieved.class);
		AUDITED.put("TRANSFER_ALLOW_LIST_CHANGED (old → new; administration), _REFUSED (DENIED)",
				org.studygate.transfer.AllowListChanged.class);
		AUDITED.put("ACCESS_LOG_ARCHIVED", org.studygate.audit.LogArchived.class);
		AUDITED.put("EMERGENCY_SEARCH_THROTTLED (DENIED)", org.studygate.breakglass.EmergencySearchThrottled.class);
		AUDITED.put("EMERGENCY_ACCESS_MISSED (on the study)", org.studygate.breakglass.EmergencyAccessMissed.class);
		AUDITED.put("EMERGENCY_SEARCH_MISSES_REPORTED", org.studygate.breakglass.EmergencySearchMissesReported.class);
		AUDITED.put("OPERATIONS_REFUSED (DENIED)", org.studygate.web.OperationsRefused.class);
		AUDITED.put("DEMO_MESSAGES_REFUSED (DENIED)", org.studygate.sms.DemoMessagesRefused.class);
		AUDITED.put("ATNA_EXPORT_STATE_REFUSED (DENIED)", org.studygate.atna.ExportStateRefused.class);
	}

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.studygate");

	@Test
	void everyListedEventIsPublishedByTheApplication() {
		List<String> unpublished = AUDITED.entrySet()
			.stream()
			.filter(entry -> MAIN.get(entry.getValue()).getConstructorCallsToSelf().isEmpty())
			.map(entry -> entry.getKey() + " (" + entry.getValue().getSimpleName() + ")")
			.toList();

		assertThat(unpublished).as("auditable actions whose event nothing publishes").isEmpty();
	}

	@Test
	void everyAuditableEventIsOnTheList() {
		List<String> unlisted = MAIN.stream()
			.filter(type -> type.isAssignableTo(AuditableEvent.class) && !type.isInterface())
			.map(JavaClass::getName)
			.filter(name -> !AUDITED.values().stream().map(Class::getName).collect(Collectors.toSet()).contains(name))
			.toList();

		assertThat(unlisted).as("events that the list of audited actions does not name").isEmpty();
	}

}
