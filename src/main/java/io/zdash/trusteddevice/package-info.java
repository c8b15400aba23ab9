/**
 * Trusted devices: "don't ask for a code on this device for 30 days". A browser that passed the
 * second step with the box ticked carries a cookie ({@link io.zdash.trusteddevice.TrustedDeviceCookie})
 * with an id and a 256-bit secret; the table keeps only the secret's hash. At the next sign-ins the
 * password is still asked, and this browser then stands in for the second factor (through signin's
 * {@code DeviceTrust} port); step-up never accepts it. A device is forgotten by its owner (Security
 * page), when it expires, when an administrator turns the feature off, and by whatever signs out the
 * account's other sessions (it belongs to the account's session epoch). Owns {@code trusted_device}.
 */
package io.zdash.trusteddevice;
