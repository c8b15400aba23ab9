-- One attempt gate for every factor: the consecutive failures and the wait they impose, keyed by
-- the kind of check and its key (a SHA-256 of the typed email for the password, the account id for
-- the second factor). Replaces password_throttle and the counters in totp_credential, whose rows
-- move over as they are, so that a wait in force before the upgrade is still in force after it.
create table attempt_gate (
    kind             varchar(20)              not null,
    gate_key         varchar(64)              not null,
    failures         integer                  not null,
    locked_until     timestamp with time zone,
    last_failure_at  timestamp with time zone not null,
    primary key (kind, gate_key)
);

insert into attempt_gate (kind, gate_key, failures, locked_until, last_failure_at)
select 'PASSWORD', email_key, failures, locked_until, last_failure_at from password_throttle;

insert into attempt_gate (kind, gate_key, failures, locked_until, last_failure_at)
select 'SECOND_FACTOR', cast(account_id as varchar(64)), failed_attempts, locked_until, current_timestamp
from totp_credential
where failed_attempts > 0 or locked_until is not null;

drop table password_throttle;
alter table totp_credential drop column failed_attempts;
alter table totp_credential drop column locked_until;
