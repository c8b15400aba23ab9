-- Browsers an account has signed in from (a hash of the user agent), to tell the owner about a new one.
create table known_device (
    account_id  bigint      not null references account (id) on delete cascade,
    device_key  varchar(64) not null,
    first_seen  timestamp with time zone not null,
    last_seen   timestamp with time zone not null,
    primary key (account_id, device_key)
);
