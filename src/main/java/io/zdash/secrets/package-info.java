/**
 * Secrets at rest: the Tink AES-256-GCM keyset (a file outside the database, or the environment),
 * sealing and opening, the start-up key check and key rotation. Knows no feature: each feature
 * that stores sealed values (two-factor secrets, instance tokens) implements {@link
 * io.zdash.secrets.SealedValues}, through which start-up checks the key and rotation re-seals them.
 */
package io.zdash.secrets;
