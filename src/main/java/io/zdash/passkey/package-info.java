/**
 * Passkeys and security keys (WebAuthn), with Spring Security's relying party over webauthn4j: the
 * Security page's card to add, rename and remove them ({@link io.zdash.passkey.PasskeyController}),
 * the options a page's script hands to the browser ({@link io.zdash.passkey.PasskeyOptionsController}),
 * and the check of a key's signature as the second factor, at a step-up re-check, or — for a
 * passkey that verified its user — as a whole sign-in ({@link io.zdash.passkey.PasskeyProvider}).
 * A key is a second factor beside the authenticator app ({@code signin}'s {@code SecondFactor}
 * port), and goes with it when 2FA is removed. Owns {@code passkey}, {@code passkey_user} and
 * {@code passkey_ceremony}.
 */
package io.zdash.passkey;
