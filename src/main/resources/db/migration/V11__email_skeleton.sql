-- What each account's email looks like whatever alphabet draws it (Unicode TR39 skeleton), so that a
-- look-alike of an existing address (Cyrillic "а" for Latin "a") is the same address here. Filled for
-- existing accounts by V12 (computed in Java: SQL has no confusables table). Not unique: two
-- existing look-alike accounts, if any, stay as they are.
alter table account add column email_skeleton varchar(1024);
create index account_email_skeleton on account (email_skeleton);
