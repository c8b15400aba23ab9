-- The session table keeps only the SHA-256 (hex) of the secret the cookie carries; a copy of it
-- signs nobody in. Existing sessions keep working: their cookie carried the id itself, whose hash
-- is now the id.
alter table SPRING_SESSION alter column SESSION_ID set data type varchar(64);
update SPRING_SESSION set SESSION_ID = lower(rawtohex(hash('SHA-256', trim(SESSION_ID))));
