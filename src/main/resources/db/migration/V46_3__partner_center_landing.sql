-- partnercenter: what /partner shows first for a program's partners (no row = the dashboard)
create table pc_landing (
    program_id bigint primary key,
    page_id    bigint not null references pc_page (id) on delete cascade
);
