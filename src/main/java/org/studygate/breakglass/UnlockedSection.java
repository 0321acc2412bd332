package org.studygate.breakglass;

import java.time.ZoneId;

import org.studygate.access.AccessTabSection;
import org.studygate.directory.Actor;
import org.studygate.study.Study;

import org.springframework.stereotype.Component;

/** The Access tab's Unlocked (break-the-glass) section: every unlock of the study, newest first. */
@Component
class UnlockedSection implements AccessTabSection {

	private final BreakGlass breakGlass;

	UnlockedSection(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	@Override
	public String key() {
		return "unlocked";
	}

	@Override
	public String fragment() {
		return "breakglass/section :: unlocked";
	}

	@Override
	public Object content(Actor actor, Study study, ZoneId zone) {
		return breakGlass.ofStudy(study.id());
	}

}
