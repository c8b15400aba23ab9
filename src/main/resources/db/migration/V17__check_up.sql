-- When the owner last went through the two-factor check-up ("still have your recovery codes?"):
-- 28 days after 2FA was turned on, then yearly. Existing accounts have none yet, so their first
-- check-up is due 28 days after they turned 2FA on (for most, at their next sign-in).
alter table totp_credential add column checked_up_at timestamp with time zone;
