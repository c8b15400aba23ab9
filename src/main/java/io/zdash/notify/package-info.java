/**
 * Security notifications by email: after a change to an account's security has been committed (2FA
 * turned on, off or reset, a recovery code used, recovery codes regenerated, password or email
 * changed, a sign-in from a new device, repeated wrong codes after a right password), its owner gets
 * a message in their language saying what happened, when, from where and what to do if it was not
 * them; an email change also tells the previous address. The link confirming a new email address
 * goes to that address. Mail goes out over SMTP when {@code spring.mail.host} is set and to the log
 * otherwise; apart from that link, a message never carries a secret, a code, a password or a session
 * id, and a failed send never undoes or fails the change it reports. The security emails observe the
 * events the security log publishes; the email-change mails implement the account feature's port.
 * Depends on {@code audit} and {@code account}; nothing depends on it.
 */
package io.zdash.notify;
