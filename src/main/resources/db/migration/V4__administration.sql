alter table account add column role varchar(20) not null default 'USER';
alter table account add column disabled_at timestamp with time zone;
alter table account add column last_sign_in_at timestamp with time zone;

-- Installation-wide settings an administrator changes at run time.
create table app_setting (
    setting_name   varchar(100) primary key,
    setting_value  varchar(500) not null
);
