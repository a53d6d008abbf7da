-- Which notices (automatic e-mails to partners) a program sends (module notices). A missing row means "on".
create table notice_setting (
    program_id  bigint      not null, -- no foreign key: programs owns its table
    notice      varchar(40) not null,
    enabled     boolean     not null,
    primary key (program_id, notice)
);
