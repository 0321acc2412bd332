package org.studygate.directory;

/**
 * How a staff login ended: signed in; refused (unknown user, wrong password or a locked
 * account, all alike); or throttled, because the client's address failed too often
 * (decision 028).
 */
public sealed interface StaffLogin {

	record SignedIn(StaffPrincipal principal) implements StaffLogin {

	}

	record Refused() implements StaffLogin {

	}

	/**
	 * The password was right, but the account asks for a second factor that was not given
	 * (decision 057).
	 */
	record SecondFactorRequired() implements StaffLogin {

	}

	/**
	 * The password was right, but the two-factor policy covers the user and he has no
	 * second factor yet: he must enrol one before he is let in (decision 065).
	 */
	record EnrolmentRequired(StaffPrincipal principal) implements StaffLogin {

	}

	record Throttled() implements StaffLogin {

	}

}
