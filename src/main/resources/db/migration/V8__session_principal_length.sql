-- Spring Session indexes sessions by principal name, which is the account's email: room for the
-- longest email an account may have (254), not Spring Session's default 100.
alter table SPRING_SESSION alter column PRINCIPAL_NAME set data type varchar(254);
