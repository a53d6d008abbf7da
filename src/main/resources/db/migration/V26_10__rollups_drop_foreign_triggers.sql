-- The owners' triggers (V26_1..V26_5) replaced rollups' triggers on their tables; their functions go.
drop function rollup_mark_commission();
drop function rollup_mark_order();
drop function rollup_mark_order_item();
drop function rollup_mark_contact();
drop function rollup_mark_partner();
drop function rollup_forget_partner();
drop function rollup_mark_partner_program();
drop function rollup_mark_program_currency();
