-- Getting back in after losing both the authenticator and the recovery codes, without an
-- administrator: at most one recovery per account (the primary key). It starts after the right
-- password at the second step; the link mailed to the confirmed address (email; only the link's SHA-256 here)
-- confirms it by confirm_by, which starts the waiting period until ends_at; the same link then
-- removes the second factors, with the password again, until ends_at plus a week. Cancelled,
-- completed or expired: the row is gone (the security log keeps the story).
create table lost_device_recovery (
    account_id    bigint                   not null primary key references account (id) on delete cascade,
    token_hash    varchar(64)              not null unique,
    email         varchar(320)             not null,
    requested_at  timestamp with time zone not null,
    confirm_by    timestamp with time zone not null,
    confirmed_at  timestamp with time zone,
    ends_at       timestamp with time zone,
    reminded_at   timestamp with time zone
);
