/**
 * Small technical helpers shared by every feature (SQL time conversion, secure random bytes, Base32). Nothing
 * here knows about accounts or two-factor authentication; features depend on it, never the reverse.
 */
package io.zdash.support;
