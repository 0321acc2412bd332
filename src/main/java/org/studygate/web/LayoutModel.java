package org.studygate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the page layout shows of the logged-in user: his name and the menus he may use.
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

	private final Directory directory;

	LayoutModel(Directory directory) {
		this.directory = directory;
	}

	/** The viewer of a page, {@code null} when nobody is logged in. */
	record Viewer(String name, boolean serviceDesk, boolean sourceAdmin) {

	}

	/**
	 * No viewer on the page of a database outage (decision 046): naming him needs the
	 * database. Nor for the DICOMweb gateway and the REST API, which render no page:
	 * their requests do not look the actor up again for a layout they do not have
	 * (docs/decisions/076-gateway-in-two-queries.md,
	 * docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md).
	 */
	@ModelAttribute("viewer")
	Viewer viewer(HttpServletRequest request) {
		return DatabaseOutage.marked(request) || WebConfiguration.withoutTranslatedText(request) ? null : viewer();
	}

	Viewer viewer() {
		Actor actor = CurrentActor.current(directory);
		return actor.isUser() ? new Viewer(actor.name(), actor.serviceDesk(),
				!actor.sourceDepartments(org.studygate.directory.GroupKind.SOURCE_ADMINS).isEmpty()) : null;
	}

}
