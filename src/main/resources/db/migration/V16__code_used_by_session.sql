-- Which session used an account's last code (a SHA-256 of the session id): a right code sent again
-- from another session means someone else saw it, and the owner is told; the same session sending it
-- twice (a double click) is not news.
alter table totp_credential add column last_used_by varchar(64);
