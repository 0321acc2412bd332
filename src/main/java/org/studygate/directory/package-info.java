/**
 * Staff users, groups (practices, medical departments, the source groups of each
 * department) and memberships, and the {@link org.studygate.directory.Actor} a request
 * acts as; staff logins with temporary locks and a per-address throttle, and API tokens
 * (decisions 004, 028, 029). Each use case ({@code Users}, {@code Groups},
 * {@code Memberships}, ...) keeps its SQL in a package-private store; what the
 * application sets up without checking anyone's rights is the named interface
 * {@code directory :: setup}, for the demo data (decision 036). Depends on the audit
 * contract, and on the mail port to tell a user that his account was locked and to send
 * sign-in codes; text messages go through {@link org.studygate.directory.SignInCodeSms},
 * which the SMS module answers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory", allowedDependencies = { "audit", "mail" })
package org.studygate.directory;
