-- programs: the sales sites a program's public forms may send visitors back to, besides the origin of its landing URL
-- (a shop on www. and on shop., a checkout on another host). One origin per line, kept as the admin saved them
-- after checking (scheme://host[:port], lower case).
alter table program add column sales_sites text not null default '';
