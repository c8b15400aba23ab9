-- Instance API tokens are sealed with the same Tink keyset as the TOTP secrets (AES-256-GCM, the
-- instance id as associated data), so a copy of the database holds no usable token. The clear
-- column stays for one release, nullable: the key is outside the database, so the rows an earlier
-- version wrote are sealed by the application at its next start-up (instance/InstanceTokenValues),
-- which then empties the clear column. A later migration drops it.
alter table instance add column token_sealed varchar(200);
alter table instance add column token_key_id bigint;
alter table instance alter column token drop not null;
