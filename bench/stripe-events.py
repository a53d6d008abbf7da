#!/usr/bin/env python3
"""Writes N signed Stripe checkout.session.completed events (mode payment, paid), one per line:
<Stripe-Signature>\t<body>. Signed now (Stripe's tolerance is 300 s: generate right before the run).
Usage: stripe-events.py N SECRET LABEL PARTNER_CODE SKU > events.txt"""
import hashlib
import hmac
import json
import sys
import time

n, secret, label, code, sku = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
key = secret.encode()
now = int(time.time())
out = sys.stdout
for i in range(n):
    sid = f"cs_bench_{label}_{i}"
    body = json.dumps({
        "id": f"evt_bench_{label}_{i}", "object": "event", "api_version": "2025-11-17.clover", "created": now,
        "livemode": False, "type": "checkout.session.completed",
        "data": {"object": {
            "id": sid, "object": "checkout.session", "mode": "payment", "payment_status": "paid",
            "status": "complete", "currency": "usd", "amount_total": 9900, "amount_subtotal": 9900,
            "total_details": {"amount_tax": 0, "amount_shipping": 0, "amount_discount": 0},
            "customer_details": {"email": f"buyer-{label}-{i}@bench.example", "name": "Bench Buyer"},
            "client_reference_id": code, "metadata": {"partnerhub_sku": sku},
            "payment_intent": f"pi_bench_{label}_{i}", "created": now}}}, separators=(",", ":"))
    signature = hmac.new(key, f"{now}.{body}".encode(), hashlib.sha256).hexdigest()
    out.write(f"t={now},v1={signature}\t{body}\n")
