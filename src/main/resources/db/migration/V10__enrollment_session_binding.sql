-- A key being set up belongs to the session that asked for it: the SHA-256 (hex) of a random value
-- kept in that session. Keys pending before this migration have none, match no session, and are
-- replaced by a fresh one the next time setup is opened (they expire within 15 minutes anyway).
alter table totp_enrollment add column session_binding varchar(64);
