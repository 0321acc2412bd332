package org.studygate.demo;

/**
 * A login of the demo data set, printed to the log after loading so that a visitor can
 * try each role.
 *
 * @param role what the account may do, in words
 */
public record DemoAccount(String username, String role, String password) {

	@Override
	public String toString() {
		return "DemoAccount[" + username + ", " + role + "]";
	}

}
