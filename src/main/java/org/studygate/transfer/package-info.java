/**
 * Forward and download (docs/product/02-domain.md#transfer, 05-workflows.md): the PACS
 * destinations a department offers and a user keeps for himself, forwarding a study to
 * one as a durable job (C-STORE through the archive or STOW-RS straight to the
 * destination) with progress, retries, cancel and a lease that survives a crash, and
 * downloading a study as a ZIP streamed from the archive. Both ask the decision point
 * (FORWARD, DOWNLOAD) and are logged with destination or format; the jobs fill the Access
 * tab's PACS (Transferred) section (decisions 022, 023).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Transfer",
		allowedDependencies = { "access", "archive", "study", "directory", "department", "audit" })
package org.studygate.transfer;
