/**
 * Text messages to patients' mobiles (one-time passwords, pincodes) through one narrow port,
 * {@link org.studygate.sms.SmsPort}: an HTTP gateway client when {@code studygate.sms.gateway-url} is
 * set, otherwise an outbox kept in memory whose page ({@code /demo/messages}) shows what would have
 * been sent, in demo mode only. A leaf: it depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SMS", allowedDependencies = {})
package org.studygate.sms;
