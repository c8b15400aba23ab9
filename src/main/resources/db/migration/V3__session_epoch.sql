-- Bumped when the account's sign-in changes (2FA on/off, recovery codes regenerated, password
-- changed): every session signed in under an older epoch is signed out on its next request.
alter table account add column session_epoch integer not null default 0;
