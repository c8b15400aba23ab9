-- Email verification and password reset.
-- email_verified_at: when the owner proved they read the account's address (a link from it was
-- opened, or the address came from a confirmed email change). Accounts from before this migration
-- have none: they are unverified (a banner asks them to confirm) until they open a link; the
-- administrator named by ZDASH_ADMIN_EMAIL counts as verified without one.
alter table account add column email_verified_at timestamp with time zone;

-- The links mailed to an account's address: single use, only the token's SHA-256 kept. purpose is
-- VERIFY (24 hours, for the address in email) or RESET (30 minutes, a new password).
create table email_link (
    token_hash  varchar(64)              not null primary key,
    account_id  bigint                   not null references account (id) on delete cascade,
    purpose     varchar(16)              not null,
    email       varchar(320)             not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);

create index email_link_account on email_link (account_id, purpose);
