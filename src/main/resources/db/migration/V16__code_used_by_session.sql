-- Which sign-in used an account's last code (a SHA-256 of a random key the session gets at the
-- password step, never the session id): a right code sent again from another sign-in means someone
-- else saw it, and the owner is told; the same sign-in sending it twice (a double click, a re-check)
-- is not news.
alter table totp_credential add column last_used_by varchar(64);
