-- A requested email change waiting for its confirmation link to be opened from the new address.
-- Only the SHA-256 (hex) of the link's token is stored: a copy of this table confirms nothing.
-- Portable between H2 and PostgreSQL. At most one row per account in practice: a new request
-- replaces the earlier one.
create table email_change (
    token_hash  varchar(64)              primary key,
    account_id  bigint                   not null references account (id) on delete cascade,
    new_email   varchar(254)             not null,
    expires_at  timestamp with time zone not null
);

create index email_change_account on email_change (account_id);
