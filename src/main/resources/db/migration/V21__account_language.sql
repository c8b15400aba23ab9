-- The language the owner last signed in with ("en" or "pt-BR"): emails sent with no request to
-- take it from (reminders from scheduled jobs) are written in it. Existing accounts have none yet:
-- English until their next sign-in.
alter table account add column language varchar(10);
