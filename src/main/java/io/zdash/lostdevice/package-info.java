/**
 * Getting back in after losing both the authenticator and the recovery codes, without an
 * administrator: asked for at the second step after the right password, confirmed from a link to
 * the confirmed address, then a waiting period (72 hours by default) that any signed-in session of
 * the account, or an administrator, can cancel; the owner is emailed at its start and a day before
 * its end. After it, the same link and the password remove every second factor. Owns
 * {@code lost_device_recovery}.
 */
package io.zdash.lostdevice;
