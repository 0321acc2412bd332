/**
 * The RIS interface (docs/guide/ris-interface.md): HL7 v2 messages from the departments'
 * RIS over MLLP, each acknowledged, kept encrypted with its outcome on the service desk's
 * message desk and applied once; orders (ORM/OMI) that join their studies by accession
 * number and cancel or restore them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "RIS interface",
		allowedDependencies = { "study", "department", "directory", "audit", "access" })
package org.studygate.ris;
