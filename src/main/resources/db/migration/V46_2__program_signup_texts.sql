-- programs: per-program overrides of the public sign-up page's heading and intro (null = the default text)
alter table program add column signup_heading varchar(200), add column signup_intro varchar(2000);
