package org.studygate.breakglass;

import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Restrictions;
import org.studygate.department.BreakGlassPolicy;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.study.Study;

import org.springframework.stereotype.Component;

/**
 * Whether a user may break the glass for a study now (docs/product/05-workflows.md,
 * decision 012): not for a cancelled study, only where the department's policy allows it
 * and for the kinds of user it names, and never for a study he can already open. One rule
 * for the search, the unlock and the API hint.
 */
@Component
class UnlockRule {

	/** The refusal that is no refusal: he can open the study already. */
	static final String ALREADY_OPEN = "the user can open the study already";

	private final AccessControl access;

	private final Restrictions restrictions;

	UnlockRule(AccessControl access, Restrictions restrictions) {
		this.access = access;
		this.restrictions = restrictions;
	}

	/**
	 * Whether the actor may unlock the study as an entitled user of a restricted study
	 * (decision 060): he may list it but, the study being restricted, not open it. No
	 * emergency search is needed and the department's break-the-glass switch does not
	 * apply; its duration and minimum reason length do.
	 */
	boolean unlocksRestricted(Actor actor, Study study) {
		return actor.isUser() && !study.cancelled() && restrictions.isRestricted(study.id())
				&& access.decide(actor, study, Action.LIST).isPermitted()
				&& !access.decide(actor, study, Action.VIEW_IMAGES).isPermitted();
	}

	/** Why the actor may not unlock the study now, or {@code null} when he may. */
	String refusal(Actor actor, Study study, Department department) {
		if (study.cancelled()) {
			return "the study is cancelled";
		}
		BreakGlassPolicy policy = department.settings().breakGlass();
		if (!policy.enabled()) {
			return "the department does not allow break-the-glass";
		}
		if (!policy.allowsUnlockBy(actor)) {
			return "the department's policy does not let this kind of user break the glass";
		}
		if (access.decide(actor, study, Action.VIEW_IMAGES).isPermitted()) {
			return ALREADY_OPEN;
		}
		return null;
	}

}
