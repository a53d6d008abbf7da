-- A program's URL slug (issue 20): public URLs (/join/{slug}, /partners/signup/{slug}) name a program by it, not by
-- its display name (no "Widget%20Partners"). Made from the name when the program is created (by this trigger, so
-- every insert gets one), editable in the console, kept when the program is renamed. Lower-case letters, digits and
-- single hyphens; a name without any gives "program"; a slug already taken gets "-<id>".
alter table program add column slug varchar(80);

create function program_slug_of(name text) returns text language sql immutable as $$
    select coalesce(nullif(trim(both '-' from left(regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g'), 60)), ''),
                    'program')
$$;

update program set slug = program_slug_of(name);
update program p set slug = p.slug || '-' || p.id
where exists (select 1 from program o where o.slug = p.slug and o.id < p.id);

alter table program alter column slug set not null;
alter table program add constraint program_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80);
create unique index program_slug_key on program (slug);

create function program_default_slug() returns trigger language plpgsql as $$
begin
    if new.slug is null or new.slug = '' then
        new.slug := program_slug_of(new.name);
        if exists (select 1 from program where slug = new.slug) then
            new.slug := new.slug || '-' || new.id;
        end if;
    end if;
    return new;
end
$$;

create trigger program_default_slug before insert on program for each row execute function program_default_slug();
