-- The session table keeps only the SHA-256 (hex) of the secret the cookie carries; a copy of it
-- signs nobody in. Existing sessions keep working: their cookie carried the id itself, whose hash
-- is now the id.
alter table SPRING_SESSION alter column SESSION_ID type varchar(64);
update SPRING_SESSION set SESSION_ID = encode(sha256(convert_to(trim(SESSION_ID), 'UTF8')), 'hex');
