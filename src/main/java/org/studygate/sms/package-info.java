/**
 * Text messages to patients' mobiles (one-time passwords, pincodes) through one narrow
 * port, {@link org.studygate.sms.SmsPort}: an HTTP gateway client when
 * {@code studygate.sms.gateway-url} is set, otherwise an outbox kept in memory whose page
 * ({@code /demo/messages}) shows what would have been sent, in demo mode only and to the
 * service desk only (the directory's actor says who that is; anybody else's attempt is
 * logged).
 */
@org.springframework.modulith.ApplicationModule(displayName = "SMS", allowedDependencies = { "directory", "audit" })
package org.studygate.sms;
