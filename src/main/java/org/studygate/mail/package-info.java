/**
 * Outgoing e-mail behind one port, {@link org.studygate.mail.MailPort}: over SMTP with
 * Spring Mail when {@code spring.mail.host} is configured, otherwise a port that only
 * logs that a mail was skipped (to whom and its subject, never its text). A leaf: it
 * knows nothing of studies or users; callers compose the messages and send them after
 * their own commit.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail", allowedDependencies = {})
package org.studygate.mail;
