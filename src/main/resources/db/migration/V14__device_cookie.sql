-- Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
-- signed in to an account carries a random token for it; only the token's SHA-256 is kept here, so a
-- copy of the database cannot make a browser trusted. A trusted browser's wrong passwords are counted
-- on its own attempt gate (kind PASSWORD_DEVICE, keyed by token_hash), not on the email's.
create table device_cookie (
    token_hash    varchar(64)              not null primary key,
    account_id    bigint                   not null references account (id) on delete cascade,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone not null
);

create index device_cookie_account on device_cookie (account_id);
