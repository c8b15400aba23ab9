-- Trusted devices ("don't ask for a code on this device for 30 days"): a browser that passed the
-- second step with the box ticked carries a cookie with public_id and a 256-bit secret; only the
-- secret's SHA-256 is kept here, so a copy of the database cannot make any browser trusted. The
-- secret is replaced at each use; the one it replaced is kept too, to tell a copied cookie. session_epoch is the account's epoch when the device was trusted:
-- whatever signs out the account's other sessions (password, factors, recovery codes, "sign out all
-- others", an administrator) moves the epoch on, and every device trusted before it is dead.
create table trusted_device (
    public_id     varchar(32)              not null primary key,
    account_id    bigint                   not null references account (id) on delete cascade,
    secret_hash   varchar(64)              not null,
    -- The secret before the last use: presented again, it means the cookie was copied.
    previous_hash varchar(64),
    session_epoch integer                  not null,
    user_agent    varchar(300),
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone,
    expires_at    timestamp with time zone not null
);

create index trusted_device_account on trusted_device (account_id);
