package org.studygate.rsw;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Reference;
import org.studygate.rsw.RegionalNetwork.Publication;

/**
 * Builds the IHE MHD ITI-65 Provide Document Bundle of a publication (decision 024): a
 * FHIR R4 transaction with the SubmissionSet (List), the DocumentReference (LOINC
 * 18748-4, the patient's national identifier, the study's UIDs, the DICOMweb endpoint)
 * and the manifest, an ImagingStudy in the direction of IHE MADO, carried as a Binary.
 * Every identifier and full URL derives from the document id, so that a retry sends the
 * same Bundle and the network can recognise it: the DocumentReference and the List are
 * created only if none with their identifier exists.
 */
final class ProvideDocumentBundle {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	static final String MHD = "https://profiles.ihe.net/ITI/MHD/StructureDefinition/";

	static final String RFC3986 = "urn:ietf:rfc:3986";

	static final String LOINC = "http://loinc.org";

	static final String DICOM_UID = "urn:dicom:uid";

	static final String MANIFEST_FORMAT_SYSTEM = "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode";

	static final String MANIFEST_FORMAT = "urn:ihe:rad:MADO";

	private final String sourceId;

	private final String patientSystem;

	private final String dicomWebUrl;

	ProvideDocumentBundle(String sourceId, String patientSystem, String publicUrl) {
		this.sourceId = sourceId;
		this.patientSystem = patientSystem;
		this.dicomWebUrl = publicUrl.replaceAll("/+$", "") + "/dicomweb";
	}

	/** The stable UUID of one part of the submission of a document. */
	static UUID part(UUID documentId, String part) {
		return UUID.nameUUIDFromBytes(("studygate-rsw-" + part + "-" + documentId).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The stable identifiers of a submission's parts, all derived from the document id.
	 */
	private record Parts(UUID documentEntry, UUID setEntry, UUID setUnique, UUID binary, UUID bundle) {

		static Parts of(UUID documentId) {
			return new Parts(part(documentId, "document-entry"), part(documentId, "submissionset-entry"),
					part(documentId, "submissionset"), part(documentId, "manifest"), part(documentId, "bundle"));
		}

	}

	Bundle build(Publication p) {
		Parts parts = Parts.of(p.documentId());
		Date when = Date.from(p.queuedAt());
		Reference patient = new Reference()
			.setIdentifier(new Identifier().setSystem(patientSystem).setValue(p.patientNationalId()))
			.setDisplay(p.patientName());
		Bundle bundle = new Bundle();
		bundle.getMeta().addProfile(MHD + "IHE.MHD.Minimal.ProvideBundle");
		bundle.setType(Bundle.BundleType.TRANSACTION);
		bundle.setIdentifier(new Identifier().setSystem(RFC3986).setValue("urn:uuid:" + parts.bundle()));
		bundle.setTimestamp(when);
		Binary manifest = new Binary();
		manifest.setContentType("application/fhir+json");
		manifest.setData(
				FHIR.newJsonParser().encodeResourceToString(manifest(p, patient)).getBytes(StandardCharsets.UTF_8));
		bundle.addEntry()
			.setFullUrl("urn:uuid:" + parts.setEntry())
			.setResource(submissionSet(p, parts, patient, when))
			.getRequest()
			.setMethod(Bundle.HTTPVerb.POST)
			.setUrl("List")
			.setIfNoneExist("identifier=" + RFC3986 + "|urn:uuid:" + parts.setUnique());
		bundle.addEntry()
			.setFullUrl("urn:uuid:" + parts.documentEntry())
			.setResource(documentReference(p, parts, patient, when))
			.getRequest()
			.setMethod(Bundle.HTTPVerb.POST)
			.setUrl("DocumentReference")
			.setIfNoneExist("identifier=" + RFC3986 + "|urn:uuid:" + p.documentId());
		bundle.addEntry()
			.setFullUrl("urn:uuid:" + parts.binary())
			.setResource(manifest)
			.getRequest()
			.setMethod(Bundle.HTTPVerb.POST)
			.setUrl("Binary");
		return bundle;
	}

	private static CodeableConcept imagingStudyType() {
		return new CodeableConcept(new Coding(LOINC, "18748-4", "Diagnostic imaging study"));
	}

	/** The SubmissionSet: the List that carries the one document of the submission. */
	private ListResource submissionSet(Publication p, Parts parts, Reference patient, Date when) {
		ListResource set = new ListResource();
		set.getMeta().addProfile(MHD + "IHE.MHD.Minimal.SubmissionSet");
		set.addExtension(MHD + "ihe-sourceId", new Identifier().setValue(sourceId));
		set.addExtension(MHD + "ihe-designationType", imagingStudyType());
		set.addIdentifier()
			.setUse(Identifier.IdentifierUse.USUAL)
			.setSystem(RFC3986)
			.setValue("urn:uuid:" + parts.setEntry());
		set.addIdentifier()
			.setUse(Identifier.IdentifierUse.OFFICIAL)
			.setSystem(RFC3986)
			.setValue("urn:uuid:" + parts.setUnique());
		set.setStatus(ListResource.ListStatus.CURRENT);
		set.setMode(ListResource.ListMode.WORKING);
		set.setCode(new CodeableConcept(new Coding("https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes",
				"submissionset", "SubmissionSet as a FHIR List")));
		set.setSubject(patient.copy());
		set.setDate(when);
		set.setTitle(p.departmentName());
		set.addEntry().setItem(new Reference("urn:uuid:" + parts.documentEntry()));
		return set;
	}

	/**
	 * The DocumentReference: the study's manifest, whom it is about, what it replaces and
	 * its context.
	 */
	private DocumentReference documentReference(Publication p, Parts parts, Reference patient, Date when) {
		DocumentReference document = new DocumentReference();
		document.getMeta().addProfile(MHD + "IHE.MHD.Minimal.DocumentReference");
		document.setMasterIdentifier(new Identifier().setSystem(RFC3986).setValue("urn:uuid:" + p.documentId()));
		document.addIdentifier()
			.setUse(Identifier.IdentifierUse.USUAL)
			.setSystem(RFC3986)
			.setValue("urn:uuid:" + parts.documentEntry());
		document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
		document.setType(imagingStudyType());
		document.addCategory(new CodeableConcept(new Coding(LOINC, "LP29684-5", "Radiology")));
		document.setSubject(patient.copy());
		document.setDate(when);
		document.setDescription(p.description());
		if (p.replacesId() != null) {
			document.addRelatesTo()
				.setCode(DocumentReference.DocumentRelationshipType.REPLACES)
				.setTarget(new Reference().setType("DocumentReference")
					.setIdentifier(new Identifier().setSystem(RFC3986).setValue("urn:uuid:" + p.replacesId())));
		}
		document.addContained(endpoint());
		document.addContent()
			.setAttachment(new Attachment().setContentType("application/fhir+json")
				.setUrl("urn:uuid:" + parts.binary())
				.setTitle("Imaging study manifest")
				.setCreationElement(new org.hl7.fhir.r4.model.DateTimeType(when)))
			.setFormat(new Coding(MANIFEST_FORMAT_SYSTEM, MANIFEST_FORMAT, "Imaging study manifest (MADO)"));
		context(p, document.getContext());
		return document;
	}

	private static void context(Publication p, DocumentReference.DocumentReferenceContextComponent context) {
		context.addRelated(new Reference().setType("ImagingStudy")
			.setIdentifier(new Identifier().setSystem(DICOM_UID).setValue("urn:oid:" + p.studyInstanceUid())));
		if (p.accessionNumber() != null) {
			context.addRelated(new Reference().setType("ImagingStudy").setIdentifier(accession(p.accessionNumber())));
		}
		context.addRelated(new Reference("#dicomweb").setDisplay("DICOMweb"));
		if (p.modality() != null) {
			context.addEvent(new CodeableConcept(
					new Coding("http://dicom.nema.org/resources/ontology/DCM", p.modality(), null)));
		}
		if (p.performedAt() != null) {
			context.getPeriod().setStart(Date.from(p.performedAt().toInstant(ZoneOffset.UTC)));
		}
	}

	/**
	 * The manifest: the study with its UIDs and where its images are retrieved (WADO-RS).
	 */
	ImagingStudy manifest(Publication p, Reference patient) {
		ImagingStudy study = new ImagingStudy();
		study.addIdentifier().setSystem(DICOM_UID).setValue("urn:oid:" + p.studyInstanceUid());
		if (p.accessionNumber() != null) {
			study.addIdentifier(accession(p.accessionNumber()));
		}
		study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
		study.setSubject(patient.copy());
		if (p.performedAt() != null) {
			study.setStarted(Date.from(p.performedAt().toInstant(ZoneOffset.UTC)));
		}
		else if (p.studyDate() != null) {
			study.setStarted(Date.from(p.studyDate().atStartOfDay().toInstant(ZoneOffset.UTC)));
		}
		if (p.modality() != null) {
			study.addModality(new Coding("http://dicom.nema.org/resources/ontology/DCM", p.modality(), null));
		}
		study.setDescription(p.description());
		study.setNumberOfSeries(p.seriesCount());
		study.setNumberOfInstances(p.instanceCount());
		study.addContained(endpoint());
		study.addEndpoint(new Reference("#dicomweb"));
		return study;
	}

	private Endpoint endpoint() {
		Endpoint endpoint = new Endpoint();
		endpoint.setId("dicomweb");
		endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
		endpoint.setConnectionType(new Coding("http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
				"dicom-wado-rs", "DICOM WADO-RS"));
		endpoint.addPayloadType(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/endpoint-payload-type", "DICOM", "DICOM")));
		endpoint.addPayloadMimeType("application/dicom");
		endpoint.setAddress(dicomWebUrl);
		return endpoint;
	}

	private static Identifier accession(String accessionNumber) {
		Identifier identifier = new Identifier().setValue(accessionNumber);
		identifier.setType(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "ACSN", "Accession ID")));
		return identifier;
	}

}
