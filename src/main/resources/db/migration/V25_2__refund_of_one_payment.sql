-- A refund may return one payment of an order rather than the order as a whole: its initial sale (of_sale) or one
-- recurring charge (of_charge_id). Only that payment's commissions are reduced or clawed back (Stripe refunds one
-- invoice of a subscription). Neither set: the whole order, pro rata over everything charged (the order API).
alter table order_refund
    add column of_sale boolean not null default false,
    add column of_charge_id bigint references order_charge (id),
    add constraint order_refund_one_payment check (not (of_sale and of_charge_id is not null));
